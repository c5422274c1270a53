using BlogShop.Signals;

namespace BlogShop.Tests.Signals;

[Collection(UnwatchedSends.Name)]
public class SendWithNoReceiversTests
{
    [Fact]
    public void Send_returns_an_empty_list()
    {
        var signal = new Signal<Ping>("ping");

        Assert.Empty(signal.Send(typeof(Article), new Ping(1)));
        Assert.Empty(signal.SendRobust(typeof(Article), new Ping(1)));
    }

    [Fact]
    public async Task SendAsync_returns_an_empty_list()
    {
        var signal = new Signal<Ping>("ping");

        Assert.Empty(await signal.SendAsync(typeof(Article), new Ping(1)));
        Assert.Empty(await signal.SendRobustAsync(typeof(Article), new Ping(1)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Send_allocates_nothing(bool useCaching)
    {
        var signal = new Signal<Ping>("ping", useCaching);
        var args = new Ping(1);
        signal.Send(typeof(Article), args);

        var allCompleted = true;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            signal.Send(typeof(Article), args);
            var pending = signal.SendAsync(typeof(Article), args);
            allCompleted &= pending.IsCompletedSuccessfully;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(allCompleted);
    }

    [Fact]
    public void Send_returns_an_empty_list_when_every_receiver_listens_to_another_sender()
    {
        var signal = new Signal<Ping>("ping");
        signal.Connect((_, _) => { }, sender: typeof(Comment));

        Assert.Empty(signal.Send(typeof(Article), new Ping(1)));
    }
}
