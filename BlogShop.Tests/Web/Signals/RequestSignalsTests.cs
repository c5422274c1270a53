using System.Collections.Concurrent;
using System.Net;
using BlogShop.Signals;
using BlogShop.Signals.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BlogShop.Tests.Web.Signals;

public class RequestSignalsTests
{
    [Fact]
    public async Task A_request_sends_started_then_finished_with_its_path_status_and_elapsed_time()
    {
        await using var app = await SignalsTestHost.StartAsync();
        var signals = app.Services.GetRequiredService<WebSignals>();
        var events = new ConcurrentQueue<string>();
        RequestFinishedArgs? finished = null;
        signals.RequestStarted.Connect((sender, e) => events.Enqueue($"started {e.HttpContext.Request.Path} by {sender}"));
        signals.GotRequestException.Connect((_, e) => events.Enqueue("exception"));
        signals.RequestFinished.Connect((_, e) =>
        {
            finished = e;
            events.Enqueue($"finished {e.HttpContext.Request.Path} {e.HttpContext.Response.StatusCode}");
        });

        var response = await app.GetTestClient().GetAsync(new Uri("/ok", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Eventually.TrueAsync(() => events.Count == 2);
        Assert.Equal([$"started /ok by {typeof(WebSignals)}", "finished /ok 200"], events);
        Assert.True(finished!.Elapsed > TimeSpan.Zero);
    }

    [Fact]
    public async Task A_failing_request_sends_got_request_exception_with_the_exception_and_still_reaches_the_error_handler()
    {
        await using var app = await SignalsTestHost.StartAsync();
        var signals = app.Services.GetRequiredService<WebSignals>();
        var events = new ConcurrentQueue<string>();
        signals.RequestStarted.Connect((_, e) => events.Enqueue("started"));
        signals.GotRequestException.Connect((_, e) => events.Enqueue($"exception {e.Exception.Message} at {e.HttpContext.Request.Path}"));
        signals.RequestFinished.Connect((_, e) => events.Enqueue($"finished {e.HttpContext.Response.StatusCode}"));

        var response = await app.GetTestClient().GetAsync(new Uri("/fail", UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        await Eventually.TrueAsync(() => events.Count == 3);

        // The error page re-executes the request: it must not send a second request_started.
        Assert.Equal(["started", "exception boom at /fail", "finished 500"], events);
    }

    [Fact]
    public async Task An_async_request_started_receiver_is_awaited_before_the_rest_of_the_pipeline_runs()
    {
        var events = new ConcurrentQueue<string>();
        await using var app = await SignalsTestHost.StartAsync(endpoints: a => a.MapGet("/record", () =>
        {
            events.Enqueue("endpoint");
            return "ok";
        }));
        var signals = app.Services.GetRequiredService<WebSignals>();
        signals.RequestStarted.Connect(async (_, _, _) =>
        {
            await Task.Yield();
            events.Enqueue("started");
        });
        signals.RequestFinished.Connect((_, e) => events.Enqueue($"finished {e.HttpContext.Response.StatusCode}"));

        var response = await app.GetTestClient().GetAsync(new Uri("/record", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Eventually.TrueAsync(() => events.Count == 3);
        Assert.Equal(["started", "endpoint", "finished 200"], events);
    }

    [Fact]
    public async Task A_request_started_receiver_gets_the_requests_abort_token()
    {
        await using var app = await SignalsTestHost.StartAsync();
        var signals = app.Services.GetRequiredService<WebSignals>();
        var tokens = new ConcurrentQueue<(CancellationToken Given, CancellationToken Aborted)>();
        signals.RequestStarted.Connect((_, e, cancellationToken) =>
        {
            tokens.Enqueue((cancellationToken, e.HttpContext.RequestAborted));
            return Task.CompletedTask;
        });

        var response = await app.GetTestClient().GetAsync(new Uri("/ok", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (given, aborted) = Assert.Single(tokens);
        Assert.True(given.CanBeCanceled);
        Assert.Equal(aborted, given);
    }

    [Fact]
    public async Task An_async_request_started_receiver_that_fails_later_fails_the_request_and_sends_got_request_exception()
    {
        await using var app = await SignalsTestHost.StartAsync();
        var signals = app.Services.GetRequiredService<WebSignals>();
        var exceptions = new ConcurrentQueue<string>();
        signals.RequestStarted.Connect(async (_, _, _) =>
        {
            await Task.Yield();
            throw new InvalidOperationException("not after all");
        });
        signals.GotRequestException.Connect((_, e) => exceptions.Enqueue(e.Exception.Message));

        var response = await app.GetTestClient().GetAsync(new Uri("/ok", UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(["not after all"], exceptions);
    }

    [Theory]
    [InlineData("/throws-at-once")]
    [InlineData("/throws-later")]
    public async Task Without_a_request_started_receiver_a_failing_request_still_sends_got_request_exception_and_request_finished_once(string path)
    {
        await using var app = await SignalsTestHost.StartAsync(endpoints: a => a.Use(next => context => context.Request.Path.Value switch
        {
            "/throws-at-once" => throw new InvalidOperationException("at once"),
            "/throws-later" => ThrowLaterAsync(),
            _ => next(context),
        }));
        var signals = app.Services.GetRequiredService<WebSignals>();
        var events = new ConcurrentQueue<string>();
        signals.GotRequestException.Connect((_, e) => events.Enqueue($"exception {e.Exception.Message} at {e.HttpContext.Request.Path}"));
        signals.RequestFinished.Connect((_, e) => events.Enqueue($"finished {e.HttpContext.Response.StatusCode}"));

        var response = await app.GetTestClient().GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        await Eventually.TrueAsync(() => events.Count == 2);
        var message = path == "/throws-at-once" ? "at once" : "later";
        Assert.Equal([$"exception {message} at {path}", "finished 500"], events);

        static async Task ThrowLaterAsync()
        {
            await Task.Yield();
            throw new InvalidOperationException("later");
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_status_code_page_re_execution_sends_no_second_set_of_signals(bool withRequestStarted)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Services.AddSignals(s => s.AddWebSignals());
        await using var app = builder.Build();

        // Registered first, so it runs after every other completion callback of the request (they run last-registered first).
        var completed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Use((context, next) =>
        {
            context.Response.OnCompleted(() =>
            {
                completed.TrySetResult();
                return Task.CompletedTask;
            });
            return next(context);
        });
        app.UseStatusCodePagesWithReExecute("/status/{0}");
        app.UseSignals();
        app.MapGet("/status/{code:int}", (int code) => Results.Text($"status page {code}", statusCode: code));
        await app.StartAsync();
        var signals = app.Services.GetRequiredService<WebSignals>();
        var events = new ConcurrentQueue<string>();
        if (withRequestStarted)
        {
            signals.RequestStarted.Connect((_, e) => events.Enqueue($"started {e.HttpContext.Request.Path}"));
        }

        signals.RequestFinished.Connect((_, e) => events.Enqueue($"finished {e.HttpContext.Response.StatusCode}"));

        var response = await app.GetTestClient().GetAsync(new Uri("/missing", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("status page 404", await response.Content.ReadAsStringAsync());
        await completed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(withRequestStarted ? ["started /missing", "finished 404"] : ["finished 404"], events);
    }

    [Fact]
    public async Task A_failing_got_request_exception_receiver_does_not_hide_the_original_exception()
    {
        Exception? handled = null;
        await using var app = await SignalsTestHost.StartAsync();
        var signals = app.Services.GetRequiredService<WebSignals>();
        signals.GotRequestException.Connect((_, _) => throw new InvalidOperationException("receiver failed"));
        signals.GotRequestException.Connect((_, e) => handled = e.Exception);

        var response = await app.GetTestClient().GetAsync(new Uri("/fail", UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("boom", handled?.Message);
    }

    [Fact]
    public async Task A_request_started_receiver_that_throws_fails_the_request()
    {
        await using var app = await SignalsTestHost.StartAsync();
        var signals = app.Services.GetRequiredService<WebSignals>();
        var exceptions = new ConcurrentQueue<string>();
        signals.RequestStarted.Connect((_, _) => throw new InvalidOperationException("not today"));
        signals.GotRequestException.Connect((_, e) => exceptions.Enqueue(e.Exception.Message));

        var response = await app.GetTestClient().GetAsync(new Uri("/ok", UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(["not today"], exceptions);
    }

    [Fact]
    public async Task Receiver_classes_are_resolved_from_the_request_scope()
    {
        await using var app = await SignalsTestHost.StartAsync(
            services =>
            {
                services.AddScoped<RequestMarker>();
                services.AddSingleton<ScopeLog>();
                services.AddSignals(s => s.AddReceiver<RecordRequestMarker>());
            },
            a => a.MapGet("/marker", (RequestMarker marker) => marker.Id.ToString()));

        var body = await app.GetTestClient().GetStringAsync(new Uri("/marker", UriKind.Relative));

        var log = app.Services.GetRequiredService<ScopeLog>();
        await Eventually.TrueAsync(() => log.Ids.Count == 2);
        Assert.All(log.Ids, id => Assert.Equal(body, id.ToString()));
    }

    [Fact]
    public void UseSignals_without_AddSignals_throws_a_clear_error()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.UseSignals());

        Assert.Contains("AddSignals", error.Message, StringComparison.Ordinal);
    }

    internal sealed class RequestMarker
    {
        public Guid Id { get; } = Guid.NewGuid();
    }

    internal sealed class ScopeLog
    {
        public ConcurrentQueue<Guid> Ids { get; } = new();
    }

    [Receiver]
    internal sealed class RecordRequestMarker(RequestMarker marker, ScopeLog log) :
        ISignalReceiver<RequestStartedArgs>, ISignalReceiver<RequestFinishedArgs>
    {
        public ValueTask HandleAsync(object? sender, RequestStartedArgs args, CancellationToken cancellationToken)
        {
            log.Ids.Enqueue(marker.Id);
            return ValueTask.CompletedTask;
        }

        public ValueTask HandleAsync(object? sender, RequestFinishedArgs args, CancellationToken cancellationToken)
        {
            log.Ids.Enqueue(marker.Id);
            return ValueTask.CompletedTask;
        }
    }
}
