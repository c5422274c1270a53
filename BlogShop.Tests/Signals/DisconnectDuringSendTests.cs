using BlogShop.Signals;

namespace BlogShop.Tests.Signals;

public class DisconnectDuringSendTests
{
    [Fact]
    public void A_receiver_that_disconnects_itself_finishes_the_current_send_and_misses_the_next()
    {
        var signal = new Signal<Ping>("ping");
        var calls = new List<string>();
        var once = new SelfDisconnecting(signal, calls);
        signal.Connect(once.Handle);
        signal.Connect((_, _) => calls.Add("after"));

        var first = signal.Send(null, new Ping(1));
        var second = signal.Send(null, new Ping(2));

        Assert.Equal(["once", "after", "after"], calls);
        Assert.Equal(2, first.Count);
        Assert.Single(second);
        Assert.True(once.DisconnectResult);
    }

    [Fact]
    public void A_receiver_disconnected_by_an_earlier_one_still_runs_in_the_current_send()
    {
        var signal = new Signal<Ping>("ping");
        var calls = new List<string>();
        var later = new Listener();
        signal.Connect((_, _) =>
        {
            calls.Add("first");
            signal.Disconnect(later.OnPing);
        });
        signal.Connect(later.OnPing);

        signal.Send(null, new Ping(1));
        signal.Send(null, new Ping(2));

        Assert.Equal(["first", "first"], calls);
        Assert.Equal([1], later.Seen);
    }

    [Fact]
    public async Task A_receiver_connected_during_a_send_runs_from_the_next_send()
    {
        var signal = new Signal<Ping>("ping");
        var calls = new List<string>();
        var added = false;
        signal.Connect((_, _, _) =>
        {
            calls.Add("connector");
            if (!added)
            {
                added = true;
                signal.Connect((_, _) => calls.Add("new"));
            }

            return Task.CompletedTask;
        });

        await signal.SendAsync(null, new Ping(1));
        await signal.SendAsync(null, new Ping(2));

        Assert.Equal(["connector", "connector", "new"], calls);
    }

    private sealed class SelfDisconnecting(Signal<Ping> signal, List<string> calls)
    {
        public bool DisconnectResult { get; private set; }

        public void Handle(object? sender, Ping args)
        {
            calls.Add("once");
            DisconnectResult = signal.Disconnect(Handle);
        }
    }
}
