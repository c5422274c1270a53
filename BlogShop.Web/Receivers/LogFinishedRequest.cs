using BlogShop.Signals;
using BlogShop.Signals.AspNetCore;

namespace BlogShop.Web.Receivers;

/// <summary>Logs every finished request: request id, user, method, path, status and elapsed time.</summary>
[Receiver]
internal sealed partial class LogFinishedRequest(ILogger<LogFinishedRequest> logger) : ISignalReceiver<RequestFinishedArgs>
{
    public ValueTask HandleAsync(object? sender, RequestFinishedArgs args, CancellationToken cancellationToken)
    {
        var context = args.HttpContext;
        var user = context.User.Identity?.Name ?? "anonymous";
        LogRequest(context.TraceIdentifier, user, context.Request.Method, context.Request.Path.Value, context.Response.StatusCode, args.Elapsed.TotalMilliseconds);
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Request {RequestId} by {User}: {Method} {Path} responded {StatusCode} in {ElapsedMs:0.0} ms")]
    private partial void LogRequest(string requestId, string user, string method, string? path, int statusCode, double elapsedMs);
}
