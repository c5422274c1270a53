using BlogShop.Signals;

namespace BlogShop.Tests.Signals;

public class AsyncReceiverTests
{
    [Fact]
    public async Task SendAsync_runs_sync_and_async_receivers_in_one_order_and_awaits_each()
    {
        var signal = new Signal<Ping>("ping");
        var calls = new List<string>();
        signal.Connect((_, _) => calls.Add("sync 1"));
        signal.Connect(async (_, _, ct) =>
        {
            await Task.Delay(20, ct);
            calls.Add("async 1");
        });
        signal.Connect((_, _) => calls.Add("sync 2"));
        signal.Connect(async (_, e, ct) =>
        {
            await Task.Yield();
            calls.Add("async 2");
            return (object?)(e.Value * 10);
        });

        var responses = await signal.SendAsync(null, new Ping(4));

        Assert.Equal(["sync 1", "async 1", "sync 2", "async 2"], calls);
        Assert.Equal([null, null, null, 40], responses.Select(r => r.Response));
    }

    [Fact]
    public void Sync_Send_runs_async_receivers_to_completion_in_order()
    {
        var signal = new Signal<Ping>("ping");
        var calls = new List<string>();
        signal.Connect(async (_, _, ct) =>
        {
            await Task.Delay(20, ct);
            calls.Add("async");
        });
        signal.Connect((_, _) => calls.Add("sync"));
        signal.Connect(async (_, e, _) =>
        {
            await Task.Yield();
            return (object?)e.Value;
        });

        var responses = signal.Send(null, new Ping(6));

        Assert.Equal(["async", "sync"], calls);
        Assert.Equal(6, responses[2].Response);
    }

    [Fact]
    public void Sync_Send_does_not_deadlock_on_a_thread_with_a_synchronization_context()
    {
        var signal = new Signal<Ping>("ping");
        var finished = false;
        signal.Connect(async (_, _, _) =>
        {
            await Task.Yield();
            finished = true;
        });
        Exception? error = null;

        var thread = new Thread(() =>
        {
            SynchronizationContext.SetSynchronizationContext(new NeverRunningContext());
            try
            {
                signal.Send(null, new Ping(1));
            }
            catch (Exception ex)
            {
                error = ex;
            }
        });
        thread.Start();

        Assert.True(thread.Join(TimeSpan.FromSeconds(30)), "Send deadlocked on the blocked context.");
        Assert.Null(error);
        Assert.True(finished);
    }

    [Fact]
    public async Task SendRobustAsync_returns_failures_of_sync_and_async_receivers_in_order()
    {
        var signal = new Signal<Ping>("ping");
        signal.Connect((Action<object?, Ping>)((_, _) => throw new FormatException("sync")));
        signal.Connect(async (_, _, _) =>
        {
            await Task.Yield();
            throw new TimeoutException("async");
        });
        signal.Connect((_, e) => (object?)e.Value);

        var responses = await signal.SendRobustAsync(null, new Ping(2));

        Assert.IsType<FormatException>(responses[0].Error);
        Assert.IsType<TimeoutException>(responses[1].Error);
        Assert.Equal(2, responses[2].Response);
    }

    [Fact]
    public void Sync_SendRobust_returns_the_failure_of_an_async_receiver_unwrapped()
    {
        var signal = new Signal<Ping>("ping");
        signal.Connect(async (_, _, _) =>
        {
            await Task.Yield();
            throw new TimeoutException("async");
        });

        var response = Assert.Single(signal.SendRobust(null, new Ping(1)));

        Assert.IsType<TimeoutException>(response.Error);
    }

    [Fact]
    public async Task SendAsync_with_a_cancelled_token_calls_no_receiver()
    {
        var signal = new Signal<Ping>("ping");
        var calls = 0;
        signal.Connect((_, _) => calls++);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => signal.SendAsync(null, new Ping(1), cancelled.Token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => signal.SendRobustAsync(null, new Ping(1), cancelled.Token).AsTask());

        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task SendRobustAsync_lets_cancellation_propagate_and_stops_calling_receivers()
    {
        var signal = new Signal<Ping>("ping");
        using var cancellation = new CancellationTokenSource();
        var later = 0;
        signal.Connect(async (_, _, ct) =>
        {
            await cancellation.CancelAsync();
            await Task.Delay(Timeout.Infinite, ct);
        });
        signal.Connect((_, _) => later++);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => signal.SendRobustAsync(null, new Ping(1), cancellation.Token).AsTask());

        Assert.Equal(0, later);
    }

    [Fact]
    public async Task SendRobustAsync_treats_a_receivers_own_cancellation_as_its_failure()
    {
        var signal = new Signal<Ping>("ping");
        signal.Connect((_, _, _) => Task.FromCanceled(new CancellationToken(canceled: true)));
        signal.Connect((_, e) => (object?)e.Value);

        var responses = await signal.SendRobustAsync(null, new Ping(8));

        Assert.IsType<TaskCanceledException>(responses[0].Error);
        Assert.Equal(8, responses[1].Response);
    }

    /// <summary>A context whose posted continuations never run, like a UI thread blocked in a sync wait.</summary>
    private sealed class NeverRunningContext : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state)
        {
        }
    }
}
