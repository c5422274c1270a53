using BlogShop.Signals;

namespace BlogShop.Tests.Signals;

public class ReceiverOrderTests
{
    [Fact]
    public void Receivers_run_in_connect_order_and_their_responses_come_back_in_that_order()
    {
        var signal = new Signal<Ping>("ping");
        signal.Connect((_, e) => (object?)(e.Value + 1));
        signal.Connect((_, e) => (object?)(e.Value + 2));
        signal.Connect((_, e) => (object?)(e.Value + 3));

        var responses = signal.Send(null, new Ping(10));

        Assert.Equal([11, 12, 13], responses.Select(r => r.Response));
    }

    [Fact]
    public void A_lower_order_runs_first_and_equal_orders_keep_connect_order()
    {
        var signal = new Signal<Ping>("ping");
        var calls = new List<string>();
        signal.Connect((_, _) => calls.Add("b0"));
        signal.Connect((_, _) => calls.Add("last"), order: 100);
        signal.Connect((_, _) => calls.Add("first"), order: -100);
        signal.Connect((_, _) => calls.Add("c0"));
        signal.Connect((_, _) => calls.Add("second"), order: -100);

        signal.Send(null, new Ping(1));

        Assert.Equal(["first", "second", "b0", "c0", "last"], calls);
    }

    [Fact]
    public void Receivers_for_a_sender_and_for_every_sender_share_one_order()
    {
        var signal = new Signal<Ping>("ping");
        var calls = new List<string>();
        signal.Connect((_, _) => calls.Add("any 1"));
        signal.Connect((_, _) => calls.Add("article"), sender: typeof(Article));
        signal.Connect((_, _) => calls.Add("any 2"));

        signal.Send(typeof(Article), new Ping(1));

        Assert.Equal(["any 1", "article", "any 2"], calls);
    }

    [Fact]
    public void Each_response_names_its_receiver()
    {
        var signal = new Signal<Ping>("ping");
        var listener = new Listener();
        signal.Connect(listener.OnPing);
        signal.Connect(listener.Multiply);

        var responses = signal.Send(null, new Ping(4));

        Assert.Equal(["Listener.OnPing", "Listener.Multiply"], responses.Select(r => r.Receiver));
        Assert.Equal([null, 8], responses.Select(r => r.Response));
    }
}
