using BlogShop.Signals;
using BlogShop.Tests.Signals.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace BlogShop.Tests.Signals.Analyzers;

/// <summary>A wrong receiver reads the same whether the build or the host start refuses it: both format one message.</summary>
public sealed class StartupAndBuildMessageTests
{
    [Fact]
    public async Task An_instance_method_is_refused_at_startup_with_the_analyzers_message()
    {
        var assembly = BadReceiverAssemblies.Method(isStatic: false, typeof(void), typeof(object), typeof(Ping));

        var startup = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddSignals(s => s.AddReceiversFrom(assembly)));

        Assert.Equal(await BuildMessageAsync("namespace Bad { public class Receivers { [Receiver] public void Handle(object? sender, App.Ping args) { } } }"), startup.Message);
    }

    [Fact]
    public async Task A_class_without_a_receiver_interface_is_refused_at_startup_with_the_analyzers_message()
    {
        var assembly = BadReceiverAssemblies.ClassWithoutInterface();

        var startup = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddSignals(s => s.AddReceiversFrom(assembly)));

        Assert.Equal(await BuildMessageAsync("namespace Bad { [Receiver] public sealed class NotAReceiver { } }"), startup.Message);
    }

    private static async Task<string> BuildMessageAsync(string receivers) =>
        Assert.Single(await ReceiverAnalysis.DiagnosticsAsync(receivers)).GetMessage(System.Globalization.CultureInfo.InvariantCulture);
}
