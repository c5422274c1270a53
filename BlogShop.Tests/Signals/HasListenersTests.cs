using BlogShop.Signals;

namespace BlogShop.Tests.Signals;

public class HasListenersTests
{
    [Fact]
    public void A_signal_without_receivers_has_no_listeners()
    {
        var signal = new Signal<Ping>("ping");

        Assert.False(signal.HasListeners());
        Assert.False(signal.HasListeners(typeof(Article)));
    }

    [Fact]
    public void A_receiver_for_every_sender_is_a_listener_for_any_sender()
    {
        var signal = new Signal<Ping>("ping");
        signal.Connect((_, _) => { });

        Assert.True(signal.HasListeners());
        Assert.True(signal.HasListeners(typeof(Article)));
    }

    [Fact]
    public void Without_a_sender_only_receivers_for_every_sender_count_as_in_Django()
    {
        var signal = new Signal<Ping>("ping");
        signal.Connect((_, _) => { }, sender: typeof(Article));

        Assert.False(signal.HasListeners());
        Assert.True(signal.HasListeners(typeof(Article)));
        Assert.False(signal.HasListeners(typeof(Comment)));
    }

    [Fact]
    public void After_the_last_receiver_disconnects_there_are_no_listeners()
    {
        var signal = new Signal<Ping>("ping");
        var listener = new Listener();
        signal.Connect(listener.OnPing, sender: typeof(Article));
        Assert.True(signal.HasListeners(typeof(Article)));

        signal.Disconnect(listener.OnPing, sender: typeof(Article));

        Assert.False(signal.HasListeners(typeof(Article)));
    }
}
