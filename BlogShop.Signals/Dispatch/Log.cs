using Microsoft.Extensions.Logging;

namespace BlogShop.Signals.Dispatch;

internal static partial class Log
{
    /// <summary>Django's line word for word, then the signal's name; the exception is attached.</summary>
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Error calling {Receiver} in Signal.send_robust() ({Error}), signal {Signal}")]
    public static partial void ReceiverFailed(ILogger logger, Exception exception, string receiver, string error, string signal);
}
