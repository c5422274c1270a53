using BlogShop.Signals;
using Microsoft.Extensions.DependencyInjection;

namespace BlogShop.Tests.Signals.Hosting;

public class CustomSignalTests
{
    [Fact]
    public async Task A_signal_added_by_name_is_one_singleton_per_host_with_its_settings()
    {
        await using var services = new ServiceCollection()
            .AddSignals(s => s.AddSignal<Ping>("test_ping", useCaching: true))
            .BuildServiceProvider();

        var signal = services.GetRequiredService<Signal<Ping>>();

        Assert.Same(signal, services.GetRequiredService<Signal<Ping>>());
        Assert.Equal("test_ping", signal.Name);
        Assert.True(signal.UseCaching);
        Assert.Equal(typeof(Ping), signal.ArgsType);
    }

    [Fact]
    public async Task A_signal_class_added_with_AddSignal_gets_its_declared_receivers()
    {
        await using var services = TestHosts.Build(s => s.AddReceiver<RecordOrderPlaced>());

        await services.GetRequiredService<OrderPlaced>().SendAsync(null, new Order("#42"));

        Assert.Equal(["order #42"], services.GetRequiredService<Journal>().What);
    }

    [Fact]
    public async Task Adding_the_same_signal_twice_keeps_one()
    {
        await using var services = new ServiceCollection()
            .AddSignals(s => s.AddSignal<Ping>("test_ping").AddSignal<OrderPlaced>())
            .AddSignals(s => s.AddSignal<Ping>("test_ping").AddSignal<OrderPlaced>())
            .BuildServiceProvider();

        Assert.Single(services.GetServices<Signal<Ping>>());
        Assert.Single(services.GetServices<OrderPlaced>());
    }

    [Fact]
    public void Two_signals_with_the_same_arguments_but_different_names_are_refused()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<InvalidOperationException>(() => services.AddSignals(s => s.AddSignal<Ping>("a").AddSignal<Ping>("b")));

        Assert.Contains("subclass", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_custom_signal_named_like_a_model_signal_is_refused_when_resolved()
    {
        using var services = new ServiceCollection().AddSignals(s => s.AddModelSignals().AddSignal<Ping>("post_save")).BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<Signal<Ping>>());

        Assert.Contains("'post_save'", error.Message, StringComparison.Ordinal);
    }
}
