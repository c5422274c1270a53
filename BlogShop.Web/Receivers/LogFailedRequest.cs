using BlogShop.Signals;
using BlogShop.Signals.AspNetCore;

namespace BlogShop.Web.Receivers;

/// <summary>Logs an unhandled exception with the request id the error page shows, the user and the path.</summary>
[Receiver]
internal sealed partial class LogFailedRequest(ILogger<LogFailedRequest> logger) : ISignalReceiver<GotRequestExceptionArgs>
{
    public ValueTask HandleAsync(object? sender, GotRequestExceptionArgs args, CancellationToken cancellationToken)
    {
        var context = args.HttpContext;
        LogFailure(args.Exception, context.TraceIdentifier, context.User.Identity?.Name ?? "anonymous", context.Request.Method, context.Request.Path);
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {RequestId} by {User}: {Method} {Path} failed")]
    private partial void LogFailure(Exception exception, string requestId, string user, string method, string path);
}
