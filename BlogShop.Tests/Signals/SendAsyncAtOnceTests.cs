using BlogShop.Signals;
using BlogShop.Tests.Signals.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlogShop.Tests.Signals;

/// <summary>
/// The async sends while receivers finish at once, and at each point where one does not (waits, throws, needs a scope
/// of its own, is weak, or the token is cancelled): the same responses, failures and cancellation as any other send.
/// </summary>
public class SendAsyncAtOnceTests
{
    [Fact]
    public async Task An_async_send_whose_receivers_finish_at_once_has_completed_when_it_returns()
    {
        await using var services = TestHosts.Build(s => s.AddReceiver<RecordPing>());
        var signal = services.GetRequiredService<Signal<Ping>>();
        signal.Connect((_, e) => (object?)e.Value);
        signal.Connect((_, _, _) => Task.CompletedTask);
        await using var scope = services.CreateAsyncScope();

        var robust = signal.SendScopedAsync(null, new Ping(1), scope.ServiceProvider, robust: true, CancellationToken.None);
        var plain = signal.SendScopedAsync(null, new Ping(2), scope.ServiceProvider, robust: false, CancellationToken.None);

        Assert.True(robust.IsCompletedSuccessfully);
        Assert.True(plain.IsCompletedSuccessfully);
        Assert.Equal([(object?)null, 1, null], (await robust).Select(r => r.Response));
        var plainResponses = await plain;
        Assert.Equal([(object?)null, 2, null], plainResponses.Select(r => r.Response));
        Assert.Equal("RecordPing", plainResponses[0].Receiver);
        Assert.Equal(["ping 1", "ping 2"], services.GetRequiredService<Journal>().What);
    }

    [Fact]
    public async Task A_receiver_that_throws_at_once_faults_the_task_SendAsync_returns_rather_than_throwing_from_the_call()
    {
        var signal = new Signal<Ping>("ping");
        var calls = new List<string>();
        signal.Connect((_, _) => calls.Add("before"));
        signal.Connect((_, _, _) => throw new InvalidOperationException("at once"));
        signal.Connect((_, _) => calls.Add("after"));

        var pending = signal.SendAsync(null, new Ping(1));

        Assert.True(pending.IsFaulted);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => pending.AsTask());
        Assert.Equal("at once", error.Message);
        Assert.Equal(["before"], calls);
    }

    [Fact]
    public async Task A_robust_async_send_goes_on_past_a_receiver_that_throws_at_once_and_one_that_waits()
    {
        using var provider = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(provider));
        var signal = new Signal<Ping>("ping", logger: factory.CreateLogger("signals"));
        var failure = new FormatException("at once");
        signal.Connect((_, e) => (object?)e.Value);
        signal.Connect((_, _, _) => throw failure);
        signal.Connect(async (_, e, _) =>
        {
            await Task.Yield();
            return (object?)(e.Value + 2);
        });
        signal.Connect((_, e) => (object?)(e.Value + 3));

        var responses = await signal.SendRobustAsync(null, new Ping(1));

        Assert.Equal([1, failure, 3, 4], responses.Select(r => r.Response));
        Assert.Equal([false, true, false, false], responses.Select(r => r.Failed));
        Assert.Same(failure, responses[1].Error);
        Assert.Same(failure, Assert.Single(provider.Entries).Exception);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_token_cancelled_by_a_receiver_that_finished_at_once_cancels_the_send_before_the_next(bool robust)
    {
        var signal = new Signal<Ping>("ping");
        using var cancellation = new CancellationTokenSource();
        var later = 0;
        signal.Connect((_, _) => cancellation.Cancel());
        signal.Connect((_, _) => later++);

        var pending = robust
            ? signal.SendRobustAsync(null, new Ping(1), cancellation.Token)
            : signal.SendAsync(null, new Ping(1), cancellation.Token);

        Assert.True(pending.IsCanceled);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.AsTask());
        Assert.Equal(0, later);
    }

    [Fact]
    public async Task A_receiver_class_after_receivers_that_finished_at_once_gets_a_scope_of_its_own_in_a_send_without_one()
    {
        await using var services = TestHosts.Build(s => s.AddReceiver<RecordPing>());
        var signal = services.GetRequiredService<Signal<Ping>>();
        signal.Connect((_, e) => (object?)e.Value, order: -1);

        var responses = await signal.SendRobustAsync(null, new Ping(5));

        Assert.Equal([(object?)5, null], responses.Select(r => r.Response));
        var entry = Assert.Single(services.GetRequiredService<Journal>().Entries);
        Assert.Equal("ping 5", entry.What);
        Assert.True(entry.Scope.Disposed);
    }

    [Fact]
    public async Task A_weak_receiver_after_receivers_that_finished_at_once_is_called()
    {
        var signal = new Signal<Ping>("ping");
        var listener = new Listener();
        signal.Connect((_, e) => (object?)e.Value);
        signal.Connect(listener.Answer, weak: true);

        var responses = await signal.SendRobustAsync(null, new Ping(6));

        Assert.Equal([(object?)6, 60], responses.Select(r => r.Response));
        GC.KeepAlive(listener);
    }

    private sealed class Listener
    {
        public int Factor { get; } = 10;

        public object? Answer(object? sender, Ping args) => args.Value * Factor;
    }
}
