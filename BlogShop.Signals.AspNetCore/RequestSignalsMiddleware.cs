using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace BlogShop.Signals.AspNetCore;

/// <summary>Sends <c>request_started</c>, <c>got_request_exception</c> and <c>request_finished</c> for each request.</summary>
internal sealed class RequestSignalsMiddleware(RequestDelegate next, WebSignals signals)
{
    /// <summary>Marks a request whose signals are sent, so a re-execution (the exception handler's error page) sends none.</summary>
    private static readonly object SentKey = new();

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Items.TryAdd(SentKey, true))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var started = Stopwatch.GetTimestamp();

        // Read before OnCompleted is registered: the request scope registers its disposal on first use, and completion
        // callbacks run last-registered first, so the scope is still alive when request_finished is sent.
        var services = context.RequestServices;
        context.Response.OnCompleted(() => signals.RequestFinished.SendScopedAsync(
            typeof(WebSignals), new RequestFinishedArgs(context, Stopwatch.GetElapsedTime(started)), services, robust: true, CancellationToken.None).AsTask());

        try
        {
            await signals.RequestStarted.SendScopedAsync(
                typeof(WebSignals), new RequestStartedArgs(context), services, robust: false, context.RequestAborted).ConfigureAwait(false);
            await next(context).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            await signals.GotRequestException.SendScopedAsync(
                typeof(WebSignals), new GotRequestExceptionArgs(context, exception), services, robust: true, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }
}
