using BlogShop.Signals;

namespace BlogShop.Tests.Signals;

public class SenderFilteringTests
{
    [Fact]
    public void A_receiver_connected_for_a_sender_gets_only_that_senders_sends()
    {
        var signal = new Signal<Ping>("ping");
        var calls = new List<object?>();
        signal.Connect((s, _) => calls.Add(s), sender: typeof(Article));

        signal.Send(typeof(Comment), new Ping(1));
        signal.Send(null, new Ping(1));
        signal.Send(typeof(Article), new Ping(1));

        Assert.Equal([typeof(Article)], calls);
    }

    [Fact]
    public void A_receiver_connected_for_a_type_does_not_get_sends_from_an_instance_of_it()
    {
        var signal = new Signal<Ping>("ping");
        var calls = 0;
        signal.Connect((_, _) => calls++, sender: typeof(Article));

        signal.Send(new Article(), new Ping(1));

        Assert.Equal(0, calls);
    }

    [Fact]
    public void A_receiver_connected_for_an_instance_does_not_get_sends_from_its_type_or_another_instance()
    {
        var signal = new Signal<Ping>("ping");
        var article = new Article();
        var calls = new List<object?>();
        signal.Connect((s, _) => calls.Add(s), sender: article);

        signal.Send(typeof(Article), new Ping(1));
        signal.Send(new Article(), new Ping(1));
        signal.Send(article, new Ping(1));

        Assert.Equal([article], calls);
    }

    [Fact]
    public void A_receiver_connected_without_a_sender_gets_every_senders_sends()
    {
        var signal = new Signal<Ping>("ping");
        var calls = new List<object?>();
        signal.Connect((s, _) => calls.Add(s));

        signal.Send(typeof(Article), new Ping(1));
        signal.Send(null, new Ping(1));
        signal.Send("a string sender", new Ping(1));

        Assert.Equal([typeof(Article), null, "a string sender"], calls);
    }

    [Fact]
    public void A_value_type_sender_is_refused_because_it_could_never_match()
    {
        var signal = new Signal<Ping>("ping");

        var error = Assert.Throws<ArgumentException>(() => signal.Connect((_, _) => { }, sender: 42));

        Assert.Equal("sender", error.ParamName);
        Assert.False(signal.HasListeners(42));
    }
}
