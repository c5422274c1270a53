using BlogShop.Signals;

namespace BlogShop.Tests.Signals;

public class ConnectDeduplicationTests
{
    [Fact]
    public void Connecting_the_same_receiver_twice_calls_it_once()
    {
        var signal = new Signal<Ping>("ping");
        var listener = new Listener();
        signal.Connect(listener.OnPing);
        signal.Connect(listener.OnPing);

        var responses = signal.Send(null, new Ping(7));

        Assert.Single(responses);
        Assert.Equal([7], listener.Seen);
    }

    [Fact]
    public void The_same_method_on_two_objects_is_two_receivers()
    {
        var signal = new Signal<Ping>("ping");
        var first = new Listener();
        var second = new Listener();
        signal.Connect(first.OnPing);
        signal.Connect(second.OnPing);

        signal.Send(null, new Ping(1));

        Assert.Equal([1], first.Seen);
        Assert.Equal([1], second.Seen);
    }

    [Fact]
    public void A_second_receiver_with_the_same_dispatch_uid_is_ignored_and_the_first_wins()
    {
        var signal = new Signal<Ping>("ping");
        var calls = new List<string>();
        signal.Connect((_, _) => calls.Add("first"), dispatchUid: "audit");
        signal.Connect((_, _) => calls.Add("second"), dispatchUid: "audit");

        signal.Send(null, new Ping(1));

        Assert.Equal(["first"], calls);
        Assert.Equal(1, signal.ReceiverCount);
    }

    [Fact]
    public void The_same_dispatch_uid_for_two_senders_is_two_registrations()
    {
        var signal = new Signal<Ping>("ping");
        var calls = new List<object?>();
        signal.Connect((s, _) => calls.Add(s), sender: typeof(Article), dispatchUid: "audit");
        signal.Connect((s, _) => calls.Add(s), sender: typeof(Comment), dispatchUid: "audit");

        signal.Send(typeof(Article), new Ping(1));
        signal.Send(typeof(Comment), new Ping(1));

        Assert.Equal([typeof(Article), typeof(Comment)], calls);
    }

    [Fact]
    public void A_receiver_connected_for_two_senders_is_two_registrations()
    {
        var signal = new Signal<Ping>("ping");
        var listener = new Listener();
        signal.Connect(listener.OnPing, sender: typeof(Article));
        signal.Connect(listener.OnPing, sender: typeof(Comment));

        signal.Send(typeof(Article), new Ping(1));
        signal.Send(typeof(Comment), new Ping(2));

        Assert.Equal(2, signal.ReceiverCount);
        Assert.Equal([1, 2], listener.Seen);
        Assert.True(signal.Disconnect(listener.OnPing, sender: typeof(Article)));
        signal.Send(typeof(Article), new Ping(3));
        signal.Send(typeof(Comment), new Ping(4));
        Assert.Equal([1, 2, 4], listener.Seen);
    }

    [Fact]
    public void A_receiver_connected_with_and_without_a_dispatch_uid_is_two_registrations_as_in_Django()
    {
        var signal = new Signal<Ping>("ping");
        var listener = new Listener();
        signal.Connect(listener.OnPing);
        signal.Connect(listener.OnPing, dispatchUid: "named");

        signal.Send(null, new Ping(5));

        Assert.Equal([5, 5], listener.Seen);
    }

    [Fact]
    public void A_repeated_weak_connect_of_a_live_receiver_is_one_registration()
    {
        var signal = new Signal<Ping>("ping");
        var listener = new Listener();
        signal.Connect(listener.OnPing, weak: true);
        signal.Connect(listener.OnPing, weak: true);
        signal.Connect(listener.OnPing);

        signal.Send(null, new Ping(1));

        Assert.Equal([1], listener.Seen);
        GC.KeepAlive(listener);
    }
}
