using System.Text;
using BlogShop.Signals;
using BlogShop.Signals.AspNetCore;
using BlogShop.Tests.Signals;
using BlogShop.Web.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace BlogShop.Tests.Web.Diagnostics;

/// <summary>The recorder behind the Signals page, fed by real sends of a host's signals.</summary>
public sealed class SignalTraceRecorderTests : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly HttpContextAccessor _accessor = new();
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 12, 2, 10, 0, 10, TimeSpan.Zero));

    public SignalTraceRecorderTests()
    {
        var services = new ServiceCollection();
        services.AddSignals(s => s.AddWebSignals().AddSignal<Ping>("outer").AddSignal<Pong>("inner").AddSignal<Innermost>("innermost"));
        services.AddSingleton<IHttpContextAccessor>(_accessor);
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = Environments.Development });
        services.AddSingleton(sp => new SignalTraceRecorder(_accessor, _time, sp.GetRequiredService<IHostEnvironment>()));
        services.AddSingleton<ISignalObserver>(sp => sp.GetRequiredService<SignalTraceRecorder>());
        _services = services.BuildServiceProvider();
    }

    private SignalTraceRecorder Recorder => _services.GetRequiredService<SignalTraceRecorder>();

    [Fact]
    public async Task A_send_made_by_a_receiver_of_another_is_shown_one_level_deeper_and_no_earlier_than_it()
    {
        var outer = _services.GetRequiredService<Signal<Ping>>();
        var inner = _services.GetRequiredService<Signal<Pong>>();
        var innermost = _services.GetRequiredService<Signal<Innermost>>();
        outer.Connect(async (_, _, ct) => await inner.SendAsync(null, new Pong("from outer"), ct));
        inner.Connect(async (_, _, ct) =>
        {
            await Task.Yield();
            await innermost.SendAsync(null, new Innermost(1), ct);
        });

        _accessor.HttpContext = new DefaultHttpContext { TraceIdentifier = "nested" };
        await outer.SendAsync(null, new Ping(1));
        await outer.SendAsync(null, new Ping(2));
        _accessor.HttpContext = null;

        var signals = Assert.Single(Recorder.Recent(includeHidden: true)).Signals.ToList();
        Assert.Equal(["innermost", "inner", "outer", "innermost", "inner", "outer"], signals.Select(s => s.Signal));
        Assert.Equal([2, 1, 0, 2, 1, 0], signals.Select(s => s.Depth));
        Assert.Equal([1, 2, 3, 4, 5, 6], signals.Select(s => s.Sequence));
        // The first outer send began first, though it was recorded third: the request's times start from it.
        Assert.Equal(TimeSpan.Zero, signals[2].At);
        Assert.All(signals[..3], s => Assert.True(s.At + s.Elapsed <= signals[2].At + signals[2].Elapsed));
        Assert.True(signals[0].At >= signals[1].At && signals[1].At >= signals[2].At);
        Assert.True(signals[5].At >= signals[2].At + signals[2].Elapsed);
    }

    [Fact]
    public async Task A_request_signal_shows_the_values_it_was_sent_with_though_its_HttpContext_changes_later()
    {
        var signals = _services.GetRequiredService<WebSignals>();
        var context = StartRequest("request-1", "/articles/new");
        context.Request.Method = HttpMethods.Post;
        context.Response.StatusCode = StatusCodes.Status201Created;

        await signals.RequestStarted.SendAsync(typeof(WebSignals), new RequestStartedArgs(context));
        await signals.RequestFinished.SendRobustAsync(typeof(WebSignals), new RequestFinishedArgs(context, TimeSpan.FromMilliseconds(12.34)));
        await signals.GotRequestException.SendRobustAsync(typeof(WebSignals), new GotRequestExceptionArgs(context, new InvalidOperationException("boom")));
        _accessor.HttpContext = null;
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = "/somewhere/else";
        context.Response.StatusCode = StatusCodes.Status404NotFound;

        var request = Assert.Single(Recorder.Recent(includeHidden: true));
        Assert.Equal((201, "POST", "/articles/new"), (request.Status, request.Method, request.Path));
        var values = request.Signals.ToDictionary(s => s.Signal, s => s.Args.Select(a => $"{a.Name}={a.Value}"));
        Assert.Equal(["request=POST /articles/new"], values["request_started"]);
        Assert.Equal(["status=201", "elapsed=12.3 ms"], values["request_finished"]);
        Assert.Equal(["exception=InvalidOperationException: boom"], values["got_request_exception"]);
    }

    [Fact]
    public async Task A_receiver_s_answer_to_a_request_signal_shows_as_it_was_when_sent()
    {
        var signals = _services.GetRequiredService<WebSignals>();
        var answer = new StringBuilder("as sent");
        signals.RequestFinished.Connect((_, _) => answer, dispatchUid: "answers");
        var context = StartRequest("answered", "/articles");

        await signals.RequestStarted.SendAsync(typeof(WebSignals), new RequestStartedArgs(context));
        await signals.RequestFinished.SendRobustAsync(typeof(WebSignals), new RequestFinishedArgs(context, TimeSpan.FromMilliseconds(1)));
        answer.Clear().Append("changed later");
        _accessor.HttpContext = null;

        var request = Assert.Single(Recorder.Recent(includeHidden: true));
        Assert.Equal(["request_started", "request_finished"], request.Signals.Select(s => s.Signal));
        Assert.Equal(["as sent"], request.Signals.Last().Receivers.Select(r => r.Outcome));
    }

    [Fact]
    public async Task A_request_signal_sent_twice_for_one_request_shows_both_sends_in_order()
    {
        var signals = _services.GetRequiredService<WebSignals>();
        var outer = _services.GetRequiredService<Signal<Ping>>();
        var context = StartRequest("twice", "/articles");

        await signals.RequestStarted.SendAsync(typeof(WebSignals), new RequestStartedArgs(context));
        await outer.SendAsync(null, new Ping(1));
        await signals.RequestFinished.SendRobustAsync(typeof(WebSignals), new RequestFinishedArgs(context, TimeSpan.FromMilliseconds(1)));
        await signals.RequestFinished.SendRobustAsync(typeof(WebSignals), new RequestFinishedArgs(context, TimeSpan.FromMilliseconds(2)));
        _accessor.HttpContext = null;

        var request = Assert.Single(Recorder.Recent(includeHidden: true));
        Assert.Equal(["request_started", "outer", "request_finished", "request_finished"], request.Signals.Select(s => s.Signal));
        Assert.Equal([1, 2, 3, 4], request.Signals.Select(s => s.Sequence));
    }

    [Fact]
    public async Task A_request_whose_group_left_the_window_while_it_ran_shows_its_later_sends_in_a_new_group()
    {
        var signals = _services.GetRequiredService<WebSignals>();
        var outer = _services.GetRequiredService<Signal<Ping>>();
        var slow = StartRequest("slow", "/shop/checkout");
        await signals.RequestStarted.SendAsync(typeof(WebSignals), new RequestStartedArgs(slow));
        for (var i = 1; i <= SignalTraceRecorder.MaxRequests; i++)
        {
            await SendDuring(outer, $"/articles/{i}", $"page-{i}");
        }

        _accessor.HttpContext = slow;
        await signals.RequestFinished.SendRobustAsync(typeof(WebSignals), new RequestFinishedArgs(slow, TimeSpan.FromSeconds(3)));
        _accessor.HttpContext = null;

        var shown = Recorder.Recent(includeHidden: false);
        Assert.Equal(SignalTraceRecorder.MaxRequests, shown.Count);
        var again = Assert.Single(shown, r => r.Id == "slow");
        Assert.Equal((200, "/shop/checkout"), (again.Status, again.Path));
        Assert.Equal(["request_finished"], again.Signals.Select(s => s.Signal));
        Assert.DoesNotContain(shown, r => r.Id == "page-1");
    }

    [Fact]
    public async Task The_page_keeps_the_most_recent_requests_and_static_files_do_not_push_them_out()
    {
        var outer = _services.GetRequiredService<Signal<Ping>>();
        for (var i = 1; i <= SignalTraceRecorder.MaxRequests + 10; i++)
        {
            await SendDuring(outer, $"/articles/{i}", $"page-{i}");
            await SendDuring(outer, $"/media/{i}.png", $"asset-{i}");
        }

        var shown = Recorder.Recent(includeHidden: false);
        Assert.Equal(Enumerable.Range(11, SignalTraceRecorder.MaxRequests).Select(i => $"page-{i}").Order(), shown.Select(r => r.Id).Order());
        var all = Recorder.Recent(includeHidden: true);
        Assert.Equal(2 * SignalTraceRecorder.MaxRequests, all.Count);
        Assert.Contains(all, r => r.Id == $"asset-{SignalTraceRecorder.MaxRequests + 10}" && r.IsAsset);
        Assert.DoesNotContain(all, r => r.Id == "asset-10");
    }

    [Fact]
    public async Task An_error_page_executed_again_for_a_request_adds_its_sends_to_the_same_request()
    {
        var outer = _services.GetRequiredService<Signal<Ping>>();
        var context = StartRequest("failing", "/shop/checkout");
        await outer.SendAsync(null, new Ping(1));
        context.Request.Path = "/error";
        await outer.SendAsync(null, new Ping(2));
        _accessor.HttpContext = null;

        var request = Assert.Single(Recorder.Recent(includeHidden: true));
        Assert.Equal(("failing", "/shop/checkout"), (request.Id, request.Path));
        Assert.Equal(2, request.Signals.Count);
    }

    [Fact]
    public async Task A_context_the_server_reuses_for_the_next_request_starts_a_new_request()
    {
        var outer = _services.GetRequiredService<Signal<Ping>>();
        var context = StartRequest("first", "/articles");
        await outer.SendAsync(null, new Ping(1));
        context.TraceIdentifier = "second";
        context.Request.Path = "/books";
        await outer.SendAsync(null, new Ping(2));
        await outer.SendAsync(null, new Ping(3));
        _accessor.HttpContext = null;

        var requests = Recorder.Recent(includeHidden: true).OrderBy(r => r.Id).ToList();
        Assert.Equal([("first", "/articles", 1), ("second", "/books", 2)], requests.Select(r => (r.Id, r.Path, r.Signals.Count)));
    }

    [Fact]
    public async Task Sends_outside_a_request_go_to_one_background_group_per_minute()
    {
        var outer = _services.GetRequiredService<Signal<Ping>>();
        await outer.SendAsync(null, new Ping(1));
        _time.Now = _time.Now.AddSeconds(40);
        await outer.SendAsync(null, new Ping(2));
        _time.Now = _time.Now.AddSeconds(15);
        await outer.SendAsync(null, new Ping(3));

        var groups = Recorder.Recent(includeHidden: true).OrderBy(r => r.FinishedNumber).ToList();
        Assert.Equal(["Background work (10:00 UTC)", "Background work (10:01 UTC)"], groups.Select(g => g.Path));
        Assert.All(groups, g => Assert.True(g.IsBackground));
        Assert.Equal([2, 1], groups.Select(g => g.Signals.Count));
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private async Task SendDuring(Signal<Ping> signal, string path, string id)
    {
        StartRequest(id, path);
        await signal.SendAsync(null, new Ping(1));
        _accessor.HttpContext = null;
    }

    /// <summary>A request the accessor returns from now on, as the server's middleware would make it current.</summary>
    private DefaultHttpContext StartRequest(string id, string path)
    {
        var context = new DefaultHttpContext { TraceIdentifier = id };
        context.Request.Path = path;
        _accessor.HttpContext = context;
        return context;
    }

    private sealed record Innermost(int Value);

    /// <summary>A clock the test moves by hand (the background groups are per minute).</summary>
    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
