using BlogShop.Signals;

namespace BlogShop.Tests.Signals;

public sealed record Ping(int Value);

public class SendTests
{
    [Fact]
    public void Send_with_no_receivers_returns_an_empty_list()
    {
        var signal = new Signal<Ping>("ping");

        Assert.Empty(signal.Send(this, new Ping(1)));
    }

    [Fact]
    public void Send_calls_receivers_in_connect_order_and_returns_their_responses()
    {
        var signal = new Signal<Ping>("ping");
        signal.Connect((_, e) => (object?)(e.Value + 1));
        signal.Connect((_, e) => (object?)(e.Value + 2));

        var responses = signal.Send(this, new Ping(10));

        Assert.Equal([11, 12], responses.Select(r => r.Response));
    }

    [Fact]
    public void A_weak_receiver_whose_target_was_collected_is_not_called_and_is_removed()
    {
        var signal = new Signal<Ping>("ping");
        var calls = new List<int>();
        ConnectWeakly(signal, calls);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.Empty(signal.Send(this, new Ping(1)));
        Assert.Empty(calls);
        Assert.Equal(0, signal.ReceiverCount);
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

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void ConnectWeakly(Signal<Ping> signal, List<int> calls) =>
        signal.Connect(new Listener(calls).OnPing, weak: true);

    private sealed class Listener(List<int> calls)
    {
        public void OnPing(object? sender, Ping args) => calls.Add(args.Value);
    }
}
