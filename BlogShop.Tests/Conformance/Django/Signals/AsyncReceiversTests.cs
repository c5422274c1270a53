using BlogShop.Signals;

namespace BlogShop.Tests.Conformance.Django.Signals;

/// <summary>The arguments of Django's <c>dispatch.Signal()</c> sent with no keyword arguments.</summary>
public sealed record NoArgs;

/// <summary>Django's <c>SyncHandler</c>: counts its calls and answers the count.</summary>
internal sealed class SyncHandler
{
    private int _param;

    public object? Call(object? sender, NoArgs args) => ++_param;
}

/// <summary>Django's <c>AsyncHandler</c>.</summary>
internal sealed class AsyncHandler
{
    private int _param;

    public async Task<object?> CallAsync(object? sender, NoArgs args, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return ++_param;
    }
}

/// <summary>
/// Django's tests/signals/tests.py, <c>AsyncReceiversTests</c>. Django runs the sync receivers first and then the
/// async ones; here every send keeps one order (by <c>order</c>, then connect order), a documented deviation: the two
/// robust tests whose expectation depends on Django's order assert ours and are named for the deviation.
/// </summary>
public sealed class AsyncReceiversTests
{
    [Fact]
    public async Task test_asend()
    {
        var sync_handler = new SyncHandler();
        var async_handler = new AsyncHandler();
        var signal = new Signal<NoArgs>("signal");
        signal.Connect(sync_handler.Call);
        signal.Connect(async_handler.CallAsync);

        var result = await signal.SendAsync(GetType(), new NoArgs());

        Assert.Equal([("SyncHandler.Call", 1), ("AsyncHandler.CallAsync", 1)], result.Select(r => (r.Receiver, (int)r.Response!)));
    }

    [Fact]
    public void test_send()
    {
        var sync_handler = new SyncHandler();
        var async_handler = new AsyncHandler();
        var signal = new Signal<NoArgs>("signal");
        signal.Connect(sync_handler.Call);
        signal.Connect(async_handler.CallAsync);

        var result = signal.Send(GetType(), new NoArgs());

        Assert.Equal([("SyncHandler.Call", 1), ("AsyncHandler.CallAsync", 1)], result.Select(r => (r.Receiver, (int)r.Response!)));
    }

    /// <summary>Django: [(sync_handler, 1), (failing_async_handler, error), (async_handler, 1)]; here the connect order.</summary>
    [Fact]
    public void Deviation_one_receiver_order_for_sync_and_async__test_send_robust()
    {
        var (signal, receiver_exception) = RobustSignal();

        var result = signal.SendRobust(GetType(), new NoArgs());

        AssertConnectOrder(result, receiver_exception);
    }

    /// <summary>As <see cref="Deviation_one_receiver_order_for_sync_and_async__test_send_robust"/>, awaited.</summary>
    [Fact]
    public async Task Deviation_one_receiver_order_for_sync_and_async__test_asend_robust()
    {
        var (signal, receiver_exception) = RobustSignal();

        var result = await signal.SendRobustAsync(GetType(), new NoArgs());

        AssertConnectOrder(result, receiver_exception);
    }

    [Fact]
    public async Task test_asend_only_async_receivers()
    {
        var async_handler = new AsyncHandler();
        var signal = new Signal<NoArgs>("signal");
        signal.Connect(async_handler.CallAsync);

        var result = await signal.SendAsync(GetType(), new NoArgs());

        Assert.Equal([("AsyncHandler.CallAsync", 1)], result.Select(r => (r.Receiver, (int)r.Response!)));
    }

    [Fact]
    public async Task test_asend_robust_only_async_receivers()
    {
        var async_handler = new AsyncHandler();
        var signal = new Signal<NoArgs>("signal");
        signal.Connect(async_handler.CallAsync);

        var result = await signal.SendRobustAsync(GetType(), new NoArgs());

        Assert.Equal([("AsyncHandler.CallAsync", 1)], result.Select(r => (r.Receiver, (int)r.Response!)));
    }

    private static (Signal<NoArgs> Signal, Exception Error) RobustSignal()
    {
        var receiver_exception = new InvalidOperationException("receiver failed");
        var signal = new Signal<NoArgs>("signal");
        signal.Connect(async (object? sender, NoArgs args, CancellationToken ct) =>
        {
            await Task.Yield();
            throw receiver_exception;
        });
        signal.Connect(new AsyncHandler().CallAsync);
        signal.Connect(new SyncHandler().Call);
        return (signal, receiver_exception);
    }

    private static void AssertConnectOrder(IReadOnlyList<SignalResponse> result, Exception receiver_exception)
    {
        Assert.Equal(3, result.Count);
        Assert.Same(receiver_exception, result[0].Response);
        Assert.Equal(("AsyncHandler.CallAsync", (object?)1), (result[1].Receiver, result[1].Response));
        Assert.Equal(("SyncHandler.Call", (object?)1), (result[2].Receiver, result[2].Response));
    }
}
