using System.Diagnostics;

namespace BlogShop.Web.Diagnostics;

/// <summary>
/// Writes the request log line (<see cref="RequestLog"/>) without the request signals, when
/// <c>Signals:RequestSignals</c> is false and <c>Signals:RequestLogWithoutSignals</c> true: the baseline of
/// scripts/bench-web.sh that writes the same line as the signals' receiver, so the two differ only by the signals.
/// Placed before the exception handler and the status code pages, it sees each request once, with its final status.
/// </summary>
internal sealed class RequestLogMiddleware(RequestDelegate next, ILogger<RequestLogMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        catch (Exception)
        {
            // Only without an exception handler (Development) does an exception get here; further out it becomes a 500.
            RequestLog.Finished(logger, context, StatusCodes.Status500InternalServerError, Stopwatch.GetElapsedTime(started));
            throw;
        }

        RequestLog.Finished(logger, context, context.Response.StatusCode, Stopwatch.GetElapsedTime(started));
    }
}
