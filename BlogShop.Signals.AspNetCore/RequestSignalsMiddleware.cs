using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace BlogShop.Signals.AspNetCore;

/// <summary>Sends <c>request_started</c>, <c>got_request_exception</c> and <c>request_finished</c> for each request.</summary>
/// <remarks>
/// Each request pays only for the signals someone receives or observes: arguments are built and the completion callback
/// registered only for those. Whether request_started and request_finished are sent is decided when the request
/// arrives (a receiver connected while a request runs gets neither for that request); got_request_exception is sent
/// if it has an audience when the exception escapes, for a request that arrived while any of the three had one.
/// </remarks>
internal sealed class RequestSignalsMiddleware(RequestDelegate next, WebSignals signals)
{
    /// <summary>
    /// Marks a request whose signals were sent and that may be re-executed, so the re-execution sends none. Only a
    /// failed request (an exception, or a status of 400 or more) is marked: that is what the exception handler and the
    /// status code pages re-execute, and a marker on every request would cost each one its <c>HttpContext.Items</c>.
    /// </summary>
    private static readonly object SentKey = new();

    private static readonly Func<object, Task> SendFinished = static state => ((FinishedRequest)state).SendAsync();

    public Task InvokeAsync(HttpContext context)
    {
        var started = signals.RequestStarted.HasAudience;
        var finished = signals.RequestFinished.HasAudience;
        if ((!started && !finished && !signals.GotRequestException.HasAudience) || IsReExecution(context))
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

        if (started)
        {
            ValueTask<IReadOnlyList<SignalResponse>> starting;
            try
            {
                // The token is for receivers: reading it makes the server create the request's cancellation source,
                // which a send only observers watch does not need.
                var aborted = signals.RequestStarted.ReceiverCount > 0 ? context.RequestAborted : CancellationToken.None;
                starting = signals.RequestStarted.SendScopedAsync(typeof(WebSignals), new RequestStartedArgs(context), services, robust: false, aborted);
            }
            catch (Exception exception)
            {
                starting = ValueTask.FromException<IReadOnlyList<SignalResponse>>(exception);
            }

            if (!starting.IsCompletedSuccessfully)
            {
                return AwaitAsync(context, services, starting, pending: null);
            }

            _ = starting.Result;
        }

        // A request whose signals so far completed at once, and whose pipeline does too (most), passes through without
        // an async state machine; only a pending or failed one gets one.
        Task pending;
        try
        {
            pending = next(context);
        }
        catch (Exception exception)
        {
            pending = Task.FromException(exception);
        }

        if (!pending.IsCompletedSuccessfully)
        {
            return AwaitAsync(context, services, default, pending);
        }

        MarkIfFailed(context);
        return pending;
    }

    private static bool IsReExecution(HttpContext context) =>
        context.Features.Get<IItemsFeature>() is { } items && items.Items.ContainsKey(SentKey);

    private static void MarkIfFailed(HttpContext context)
    {
        if (context.Response.StatusCode >= StatusCodes.Status400BadRequest)
        {
            context.Items[SentKey] = SentKey;
        }
    }

    /// <summary>The rest of a request once something is pending: request_started's send (then the rest of the
    /// pipeline runs), or the pipeline itself; either may have failed.</summary>
    private async Task AwaitAsync(HttpContext context, IServiceProvider services, ValueTask<IReadOnlyList<SignalResponse>> starting, Task? pending)
    {
        try
        {
            await starting.ConfigureAwait(false);
            await (pending ?? next(context)).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            await SendExceptionAsync(context, services, exception).ConfigureAwait(false);
            throw;
        }

        MarkIfFailed(context);
    }

    private async ValueTask SendExceptionAsync(HttpContext context, IServiceProvider services, Exception exception)
    {
        context.Items[SentKey] = SentKey;
        if (signals.GotRequestException.HasAudience)
        {
            await signals.GotRequestException.SendScopedAsync(
                typeof(WebSignals), new GotRequestExceptionArgs(context, exception), services, robust: true, CancellationToken.None).ConfigureAwait(false);
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
