using Microsoft.Extensions.Logging;

namespace BlogShop.Signals.Dispatch;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Receiver {Receiver} of signal {Signal} failed")]
    public static partial void ReceiverFailed(ILogger logger, Exception exception, string receiver, string signal);
}
