using Microsoft.Extensions.Logging;

namespace BlogShop.Signals.EntityFrameworkCore;

internal static partial class Log
{
    [LoggerMessage(EventId = 20, Level = LogLevel.Error, Message = "An after-commit action failed; the transaction was already committed")]
    public static partial void OnCommitFailed(ILogger logger, Exception exception);
}
