using BlogShop.Signals;

namespace BlogShop.Tests.Signals;

public class DisconnectTests
{
    [Fact]
    public void Disconnect_returns_true_when_it_removes_the_receiver_and_false_the_second_time()
    {
        var signal = new Signal<Ping>("ping");
        var listener = new Listener();
        signal.Connect(listener.OnPing);

        Assert.True(signal.Disconnect(listener.OnPing));
        Assert.False(signal.Disconnect(listener.OnPing));
        signal.Send(null, new Ping(1));
        Assert.Empty(listener.Seen);
    }

    [Fact]
    public void Disconnect_of_a_receiver_never_connected_returns_false()
    {
        var signal = new Signal<Ping>("ping");
        signal.Connect(new Listener().OnPing);

        Assert.False(signal.Disconnect(new Listener().OnPing));
        Assert.Equal(1, signal.ReceiverCount);
    }

    [Fact]
    public void Disconnect_needs_the_sender_used_to_connect()
    {
        var signal = new Signal<Ping>("ping");
        var listener = new Listener();
        signal.Connect(listener.OnPing, sender: typeof(Article));

        Assert.False(signal.Disconnect(listener.OnPing));
        Assert.False(signal.Disconnect(listener.OnPing, sender: typeof(Comment)));
        Assert.True(signal.Disconnect(listener.OnPing, sender: typeof(Article)));
    }

    [Fact]
    public void Disconnect_by_dispatch_uid_needs_no_receiver()
    {
        var signal = new Signal<Ping>("ping");
        signal.Connect((_, _) => { }, dispatchUid: "audit");
        signal.Connect((_, _) => { }, dispatchUid: "other");

        Assert.True(signal.Disconnect(dispatchUid: "audit"));
        Assert.False(signal.Disconnect(dispatchUid: "audit"));
        Assert.Equal(1, signal.ReceiverCount);
    }

    [Fact]
    public void A_receiver_connected_with_a_dispatch_uid_is_not_disconnected_by_the_receiver_alone()
    {
        var signal = new Signal<Ping>("ping");
        var listener = new Listener();
        signal.Connect(listener.OnPing, dispatchUid: "audit");

        Assert.False(signal.Disconnect(listener.OnPing));
        Assert.True(signal.Disconnect(listener.OnPing, dispatchUid: "audit"));
    }

    [Fact]
    public void The_same_method_passed_as_another_delegate_type_disconnects_the_receiver()
    {
        var signal = new Signal<Ping>("ping");
        var greeter = new Greeter();
        signal.Connect(greeter.Greet);

        // Connected as Func<object?, Ping, object?>; the method group's own type is Func<object?, Ping, string>.
        Func<object?, Ping, string> sameMethod = greeter.Greet;

        Assert.True(signal.Disconnect(sameMethod));
        Assert.Equal(0, signal.ReceiverCount);
    }

    [Fact]
    public void Disconnect_without_a_receiver_or_a_dispatch_uid_is_refused()
    {
        var signal = new Signal<Ping>("ping");

        Assert.Throws<ArgumentException>(() => signal.Disconnect());
    }

    private sealed class Greeter
    {
        public string Greeting { get; } = "hello";

        public string Greet(object? sender, Ping args) => $"{Greeting} {args.Value}";
    }
}
