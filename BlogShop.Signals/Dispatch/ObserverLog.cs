using Microsoft.Extensions.Logging;

namespace BlogShop.Signals.Dispatch;

internal static partial class ObserverLog
{
    [LoggerMessage(EventId = 20, Level = LogLevel.Error, Message = "Signal observer {Observer} failed while observing {Signal}")]
    public static partial void ObserverFailed(ILogger logger, Exception exception, string observer, string signal);
}
