using System.Runtime.CompilerServices;
using BlogShop.Signals;

namespace BlogShop.Tests.Signals;

public class WeakReceiverTests
{
    [Fact]
    public void A_weak_receiver_whose_target_was_collected_is_not_called_and_is_removed()
    {
        var signal = new Signal<Ping>("ping");
        var seen = ConnectWeakListener(signal);
        signal.Connect(Echo);

        CollectGarbage();

        var responses = signal.Send(null, new Ping(1));
        var response = Assert.Single(responses);
        Assert.Equal("WeakReceiverTests.Echo", response.Receiver);
        Assert.Equal(1, response.Response);
        Assert.Empty(seen);
        Assert.Equal(1, signal.ReceiverCount);
    }

    [Fact]
    public void HasListeners_ignores_and_removes_a_collected_weak_receiver()
    {
        var signal = new Signal<Ping>("ping");
        ConnectWeakListener(signal);

        CollectGarbage();

        Assert.False(signal.HasListeners());
        Assert.Equal(0, signal.ReceiverCount);
    }

    [Fact]
    public void A_weak_receiver_whose_target_is_alive_is_called()
    {
        var signal = new Signal<Ping>("ping");
        var listener = new Listener();
        signal.Connect(listener.OnPing, weak: true);

        CollectGarbage();
        signal.Send(null, new Ping(3));

        Assert.Equal([3], listener.Seen);
        GC.KeepAlive(listener);
    }

    [Fact]
    public void A_weak_receiver_does_not_keep_its_target_alive()
    {
        var signal = new Signal<Ping>("ping");
        var target = ConnectAndForget(signal);

        CollectGarbage();

        Assert.False(target.TryGetTarget(out _));
        GC.KeepAlive(signal);
    }

    [Fact]
    public void A_lambda_connected_weakly_is_refused()
    {
        var signal = new Signal<Ping>("ping");
        var captured = 0;

        var error = Assert.Throws<ArgumentException>(() => signal.Connect((_, e) => captured += e.Value, weak: true));

        Assert.Contains("lambda or closure", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, signal.ReceiverCount);
    }

    [Fact]
    public void A_static_method_connected_weakly_is_kept_because_it_cannot_be_collected()
    {
        var signal = new Signal<Ping>("ping");
        signal.Connect(Echo, weak: true);

        CollectGarbage();

        Assert.Equal([5], signal.Send(null, new Ping(5)).Select(r => r.Response));
    }

    private static object? Echo(object? sender, Ping args) => args.Value;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static List<int> ConnectWeakListener(Signal<Ping> signal)
    {
        var listener = new Listener();
        signal.Connect(listener.OnPing, weak: true);
        return listener.Seen;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference<Listener> ConnectAndForget(Signal<Ping> signal)
    {
        var listener = new Listener();
        signal.Connect(listener.OnPing, weak: true);
        return new WeakReference<Listener>(listener);
    }

    private static void CollectGarbage()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
