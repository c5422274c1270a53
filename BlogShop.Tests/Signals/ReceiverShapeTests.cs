using BlogShop.Signals;

namespace BlogShop.Tests.Signals;

public class ReceiverShapeTests
{
    [Fact]
    public void An_async_void_receiver_is_refused_because_nothing_could_await_it()
    {
        var signal = new Signal<Ping>("ping");

        var error = Assert.Throws<ArgumentException>(() => signal.Connect(AsyncVoid));

        Assert.Contains("async void", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, signal.ReceiverCount);
    }

    [Fact]
    public void A_task_returning_receiver_without_a_cancellation_token_is_refused_because_it_would_not_be_awaited()
    {
        var signal = new Signal<Ping>("ping");

        var error = Assert.Throws<ArgumentException>(() => signal.Connect(TaskWithoutToken));

        Assert.Contains("CancellationToken", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_receiver_is_refused()
    {
        var signal = new Signal<Ping>("ping");

        Assert.Throws<ArgumentNullException>(() => signal.Connect((Action<object?, Ping>)null!));
    }

    [Fact]
    public void A_multicast_delegate_connected_strongly_calls_each_of_its_methods()
    {
        var signal = new Signal<Ping>("ping");
        var first = new Listener();
        var second = new Listener();
        Action<object?, Ping> both = first.OnPing;
        both += second.OnPing;

        signal.Connect(both);
        signal.Send(null, new Ping(2));

        Assert.Equal([2], first.Seen);
        Assert.Equal([2], second.Seen);
        Assert.Throws<ArgumentException>(() => signal.Connect(both, weak: true, dispatchUid: "weak"));
    }

    [Fact]
    public void A_receiver_of_a_more_general_argument_type_is_called_alongside_exact_ones()
    {
        var signal = new Signal<Ping>("ping");
        var seen = new List<object>();
        Action<object?, object> general = (_, e) => seen.Add(e);
        signal.Connect(general);
        signal.Connect((_, e) => seen.Add(e.Value));

        var args = new Ping(3);
        signal.Send(null, args);

        Assert.Equal([args, 3], seen);
    }

    private static async void AsyncVoid(object? sender, Ping args) => await Task.Yield();

    private static Task TaskWithoutToken(object? sender, Ping args) => Task.CompletedTask;
}
