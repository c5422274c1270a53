using BlogShop.Signals;
using Microsoft.Extensions.DependencyInjection;

namespace BlogShop.Tests.Conformance.Django.Dispatch;

public sealed record ASignal(object? Value);

public sealed record BSignal(object? Value);

public sealed record CSignal(object? Value);

/// <summary>
/// Django's tests/dispatch/tests.py, <c>ReceiverTestCase</c>: the <c>@receiver</c> decorator is a <c>[Receiver]</c>
/// class here, connected when the host starts; its argument types name the signals it receives.
/// </summary>
public sealed class ReceiverTestCase
{
    [Fact]
    public void test_receiver_single_signal()
    {
        using var services = Host(s => s.AddReceiver<SingleSignalReceiver>());
        var state = services.GetRequiredService<State>();

        services.GetRequiredService<Signal<ASignal>>().Send(this, new ASignal(true));

        Assert.Equal([true], state.Values);
    }

    [Fact]
    public void test_receiver_signal_list()
    {
        using var services = Host(s => s.AddReceiver<SignalListReceiver>());
        var state = services.GetRequiredService<State>();

        services.GetRequiredService<Signal<ASignal>>().Send(this, new ASignal("a"));
        services.GetRequiredService<Signal<CSignal>>().Send(this, new CSignal("c"));
        services.GetRequiredService<Signal<BSignal>>().Send(this, new BSignal("b"));

        Assert.Contains("a", state.Values);
        Assert.Contains("b", state.Values);
        Assert.Contains("c", state.Values);
    }

    private static ServiceProvider Host(Action<SignalsBuilder> receivers)
    {
        var services = new ServiceCollection();
        services.AddSingleton<State>();
        services.AddSignals(s => receivers(s.AddSignal<ASignal>("a_signal").AddSignal<BSignal>("b_signal").AddSignal<CSignal>("c_signal")));
        return services.BuildServiceProvider();
    }

    internal sealed class State
    {
        public List<object?> Values { get; } = [];
    }

    [Receiver]
    internal sealed class SingleSignalReceiver(State state) : ISignalReceiver<ASignal>
    {
        public ValueTask HandleAsync(object? sender, ASignal args, CancellationToken cancellationToken)
        {
            state.Values.Add(args.Value);
            return default;
        }
    }

    [Receiver]
    internal sealed class SignalListReceiver(State state) : ISignalReceiver<ASignal>, ISignalReceiver<BSignal>, ISignalReceiver<CSignal>
    {
        public ValueTask HandleAsync(object? sender, ASignal args, CancellationToken cancellationToken) => Add(args.Value);

        public ValueTask HandleAsync(object? sender, BSignal args, CancellationToken cancellationToken) => Add(args.Value);

        public ValueTask HandleAsync(object? sender, CSignal args, CancellationToken cancellationToken) => Add(args.Value);

        private ValueTask Add(object? value)
        {
            state.Values.Add(value);
            return default;
        }
    }
}
