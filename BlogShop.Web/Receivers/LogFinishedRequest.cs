using BlogShop.Signals;
using BlogShop.Signals.AspNetCore;
using BlogShop.Web.Diagnostics;

namespace BlogShop.Web.Receivers;

/// <summary>Logs every finished request: request id, user, method, path, status and elapsed time.</summary>
[Receiver]
internal sealed class LogFinishedRequest(ILogger<LogFinishedRequest> logger) : ISignalReceiver<RequestFinishedArgs>
{
    public ValueTask HandleAsync(object? sender, RequestFinishedArgs args, CancellationToken cancellationToken)
    {
        RequestLog.Finished(logger, args.HttpContext, args.HttpContext.Response.StatusCode, args.Elapsed);
        return ValueTask.CompletedTask;
    }
}
