using BlogShop.Signals;

namespace BlogShop.Tests.Signals;

/// <summary>Connect&lt;TTyped&gt;: a receiver that takes the arguments alone, with the type checked by the compiler.</summary>
public class TypedConnectTests
{
    [Fact]
    public void A_receiver_of_the_signals_own_argument_type_gets_every_sender()
    {
        var signal = new Signal<Ping>("ping");
        List<int> got = [];
        signal.Connect((Ping e) => got.Add(e.Value));

        signal.Send(typeof(Article), new Ping(1));
        signal.Send(null, new Ping(2));

        Assert.Equal([1, 2], got);
    }

    [Fact]
    public void A_subtype_that_is_not_the_signals_per_sender_form_is_refused_at_connect()
    {
        var signal = new Signal<object>("anything");

        var error = Assert.Throws<ArgumentException>(() => signal.Connect((string text) => { }));

        Assert.Contains("'anything'", error.Message, StringComparison.Ordinal);
        Assert.Contains("String", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_typed_receiver_is_identified_by_the_delegate_given_so_it_connects_once_and_disconnects()
    {
        var signal = new Signal<Ping>("ping");
        var calls = 0;
        Action<Ping> receiver = _ => calls++;

        signal.Connect(receiver);
        signal.Connect(receiver);
        signal.Send(null, new Ping(1));
        var removed = signal.Disconnect(receiver);
        signal.Send(null, new Ping(2));

        Assert.Equal(1, calls);
        Assert.True(removed);
        Assert.False(signal.HasListeners());
    }

    [Fact]
    public async Task An_async_typed_receiver_is_awaited_and_named_after_its_method()
    {
        var signal = new Signal<Ping>("ping");
        signal.Connect<Ping>(RecordAsync);
        var args = new Ping(3);

        var responses = await signal.SendAsync(null, args);

        Assert.Equal(["async 3"], args.Calls);
        Assert.Equal($"{nameof(TypedConnectTests)}.{nameof(RecordAsync)}", Assert.Single(responses).Receiver);
    }

    private static async Task RecordAsync(Ping e, CancellationToken cancellationToken)
    {
        await Task.Yield();
        e.Calls.Enqueue($"async {e.Value}");
    }
}
