using BlogShop.Signals;

namespace BlogShop.Tests.Signals;

[Collection(UnwatchedSends.Name)]
public class ReceiverCachingTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Caching_on_or_off_gives_the_same_receivers_for_each_sender(bool useCaching)
    {
        var signal = new Signal<Ping>("ping", useCaching);
        signal.Connect((_, _) => "any");
        signal.Connect((_, _) => "article", sender: typeof(Article));
        signal.Connect((_, _) => "comment", sender: typeof(Comment));

        for (var repeat = 0; repeat < 2; repeat++)
        {
            Assert.Equal(["any", "article"], signal.Send(typeof(Article), new Ping(1)).Select(r => r.Response));
            Assert.Equal(["any", "comment"], signal.Send(typeof(Comment), new Ping(1)).Select(r => r.Response));
            Assert.Equal(["any"], signal.Send(null, new Ping(1)).Select(r => r.Response));
            Assert.Equal(["any"], signal.Send(new Article(), new Ping(1)).Select(r => r.Response));
        }
    }

    [Fact]
    public void A_caching_signal_sees_a_receiver_connected_after_a_cached_send()
    {
        var signal = new Signal<Ping>("ping", useCaching: true);
        signal.Connect((_, _) => "comment", sender: typeof(Comment));
        Assert.Empty(signal.Send(typeof(Article), new Ping(1)));

        signal.Connect((_, _) => "article", sender: typeof(Article));

        Assert.Equal(["article"], signal.Send(typeof(Article), new Ping(1)).Select(r => r.Response));
    }

    [Fact]
    public void A_caching_signal_stops_calling_a_receiver_disconnected_after_a_cached_send()
    {
        var signal = new Signal<Ping>("ping", useCaching: true);
        var listener = new Listener();
        signal.Connect(listener.OnPing, sender: typeof(Article));
        signal.Connect((_, _) => { }, sender: typeof(Comment));
        signal.Send(typeof(Article), new Ping(1));

        signal.Disconnect(listener.OnPing, sender: typeof(Article));
        signal.Send(typeof(Article), new Ping(2));

        Assert.Equal([1], listener.Seen);
    }

    [Fact]
    public void A_caching_signal_sends_to_receivers_that_return_nothing_without_allocating()
    {
        var signal = new Signal<Ping>("ping", useCaching: true);
        var count = 0;
        signal.Connect((_, _) => { count++; }, sender: typeof(Article));
        signal.Connect((_, _) => { count++; }, sender: typeof(Comment));
        signal.Connect((_, _) => { count++; });
        var args = new Ping(1);
        signal.Send(typeof(Article), args);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            signal.Send(typeof(Article), args);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(202, count);
    }

    [Fact]
    public void Responses_of_receivers_that_return_nothing_cannot_be_changed_by_the_caller()
    {
        var signal = new Signal<Ping>("ping");
        signal.Connect((_, _) => { });

        var responses = signal.Send(null, new Ping(1));

        var asList = Assert.IsAssignableFrom<IList<SignalResponse>>(responses);
        Assert.True(asList.IsReadOnly);
        Assert.Throws<NotSupportedException>(() => asList[0] = default);
    }
}
