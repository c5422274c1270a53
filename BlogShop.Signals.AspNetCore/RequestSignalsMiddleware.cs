using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace BlogShop.Signals.AspNetCore;

/// <summary>Sends <c>request_started</c>, <c>got_request_exception</c> and <c>request_finished</c> for each request.</summary>
/// <remarks>
/// Each request pays only for the signals someone receives or observes, decided when the request arrives: arguments
/// are built, the completion callback registered and the request marked only for those. A receiver connected while a
/// request runs gets that request's later signals only if they already had an audience when it arrived.
/// </remarks>
internal sealed class RequestSignalsMiddleware(RequestDelegate next, WebSignals signals)
{
    /// <summary>Marks a request whose signals are sent, so a re-execution (the exception handler's error page) sends none.</summary>
    private static readonly object SentKey = new();

    private static readonly Func<object, Task> SendFinished = static state => ((FinishedRequest)state).SendAsync();

    public Task InvokeAsync(HttpContext context)
    {
        var started = signals.RequestStarted.HasAudience;
        var finished = signals.RequestFinished.HasAudience;
        if (!started && !finished && !signals.GotRequestException.HasAudience)
        {
            return next(context);
        }

        if (!context.Items.TryAdd(SentKey, SentKey))
        {
            return next(context);
        }

        // Read before OnCompleted is registered: the request scope registers its disposal on first use, and completion
        // callbacks run last-registered first, so the scope is still alive when request_finished is sent.
        var services = context.RequestServices;
        if (finished)
        {
            context.Response.OnCompleted(SendFinished, new FinishedRequest(signals, context, services, Stopwatch.GetTimestamp()));
        }

        return RunAsync(context, services, started);
    }

    private async Task RunAsync(HttpContext context, IServiceProvider services, bool started)
    {
        try
        {
            if (started)
            {
                await signals.RequestStarted.SendScopedAsync(
                    typeof(WebSignals), new RequestStartedArgs(context), services, robust: false, context.RequestAborted).ConfigureAwait(false);
            }

            await next(context).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            await signals.GotRequestException.SendScopedAsync(
                typeof(WebSignals), new GotRequestExceptionArgs(context, exception), services, robust: true, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>What request_finished needs once the response has completed: the completion callback's state.</summary>
    private sealed class FinishedRequest(WebSignals signals, HttpContext context, IServiceProvider services, long startedTimestamp)
    {
        public Task SendAsync()
        {
            var pending = signals.RequestFinished.SendScopedAsync(
                typeof(WebSignals), new RequestFinishedArgs(context, Stopwatch.GetElapsedTime(startedTimestamp)), services, robust: true, CancellationToken.None);
            if (pending.IsCompletedSuccessfully)
            {
                _ = pending.Result;
                return Task.CompletedTask;
            }

            return pending.AsTask();
        }
    }
}
