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

    public SignalTraceRecorderTests()
    {
        var services = new ServiceCollection();
        services.AddSignals(s => s.AddWebSignals().AddSignal<Ping>("outer").AddSignal<Pong>("inner").AddSignal<Innermost>("innermost"));
        services.AddSingleton<IHttpContextAccessor>(_accessor);
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = Environments.Development });
        services.AddSingleton(sp => new SignalTraceRecorder(_accessor, TimeProvider.System, sp.GetRequiredService<IHostEnvironment>()));
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
        var context = new DefaultHttpContext { TraceIdentifier = "request-1" };
        context.Request.Method = HttpMethods.Post;
        context.Request.Path = "/articles/new";
        context.Response.StatusCode = StatusCodes.Status201Created;
        _accessor.HttpContext = context;

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

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private sealed record Innermost(int Value);
}
