using BlogShop.Signals;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BlogShop.Tests.Signals.Hosting;

public class ReceiverDeclarationErrorTests
{
    [Fact]
    public async Task A_receiver_class_without_the_signals_interface_fails_the_host_start_naming_the_class()
    {
        var assembly = BadReceiverAssemblies.ClassWithoutInterface("test_ping");
        using var host = new HostBuilder()
            .ConfigureServices(services => services.AddSignals(s => s.AddSignal<Ping>("test_ping").AddReceiversFrom(assembly)))
            .Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("Bad.NotAReceiver", error.Message, StringComparison.Ordinal);
        Assert.Contains("ISignalReceiver<Ping>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_receiver_of_an_unknown_signal_fails_when_the_signals_are_resolved_and_lists_the_known_ones()
    {
        var assembly = BadReceiverAssemblies.ClassWithoutInterface("no_such_signal");
        using var services = new ServiceCollection().AddSignals(s => s.AddModelSignals().AddSignal<Ping>("test_ping").AddReceiversFrom(assembly)).BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<Signal<Ping>>());

        Assert.Contains("'no_such_signal'", error.Message, StringComparison.Ordinal);
        Assert.Contains("test_ping", error.Message, StringComparison.Ordinal);
        Assert.Contains("post_save", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(typeof(void), new[] { typeof(int) })]
    [InlineData(typeof(void), new[] { typeof(object), typeof(Pong) })]
    [InlineData(typeof(ValueTask), new[] { typeof(object), typeof(Ping), typeof(CancellationToken) })]
    [InlineData(typeof(Task), new[] { typeof(object), typeof(Ping) })]
    public void A_static_method_of_the_wrong_shape_fails_when_the_signals_are_resolved(Type returnType, Type[] parameters)
    {
        var assembly = BadReceiverAssemblies.Method(isStatic: true, returnType, parameters);
        using var services = new ServiceCollection().AddSignals(s => s.AddSignal<Ping>("test_ping").AddReceiversFrom(assembly)).BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<Signal<Ping>>());

        Assert.Contains("Bad.Receivers.Handle", error.Message, StringComparison.Ordinal);
        Assert.Contains("'test_ping'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_instance_method_marked_as_a_receiver_is_refused_when_declared()
    {
        var assembly = BadReceiverAssemblies.Method(isStatic: false, typeof(void), typeof(object), typeof(Ping));
        var services = new ServiceCollection();

        var error = Assert.Throws<InvalidOperationException>(() => services.AddSignals(s => s.AddReceiversFrom(assembly)));

        Assert.Contains("Bad.Receivers.Handle", error.Message, StringComparison.Ordinal);
        Assert.Contains("instance method", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_abstract_receiver_class_is_refused_when_declared()
    {
        var assembly = BadReceiverAssemblies.AbstractClass();
        var services = new ServiceCollection();

        var error = Assert.Throws<InvalidOperationException>(() => services.AddSignals(s => s.AddReceiversFrom(assembly)));

        Assert.Contains("Bad.AbstractReceiver", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_class_without_the_attribute_is_refused_by_AddReceiver()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<InvalidOperationException>(() => services.AddSignals(s => s.AddReceiver<Journal>()));

        Assert.Contains(typeof(Journal).FullName!, error.Message, StringComparison.Ordinal);
    }
}
