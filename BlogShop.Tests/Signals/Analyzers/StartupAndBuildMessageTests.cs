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

    [Fact]
    public async Task A_method_of_the_wrong_parameter_count_is_refused_at_host_start_with_the_analyzers_message()
    {
        var assembly = BadReceiverAssemblies.Method(isStatic: true, typeof(void), typeof(int));
        using var services = new ServiceCollection().AddSignals(s => s.AddSignal<Ping>("test_ping").AddReceiversFrom(assembly)).BuildServiceProvider();

        var startup = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<Signal<Ping>>());

        Assert.Equal(await BuildMessageAsync("namespace Bad { public class Receivers { [Receiver] public static void Handle(int args) { } } }"), startup.Message);
    }

    [Theory]
    [InlineData("public static void Setup() { [Receiver] static void Handle(object? sender, App.Ping args) { } }")]
    [InlineData("public static Action<object?, App.Ping> Handler { get; } = [Receiver] (object? sender, App.Ping args) => { };")]
    public void A_lambda_or_local_function_compiled_without_the_analyzer_is_refused_when_declared(string member)
    {
        var assembly = ReceiverAnalysis.Load($"namespace Bad {{ public static class Receivers {{ {member} }} }}");

        var startup = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddSignals(s => s.AddReceiversFrom(assembly)));

        Assert.StartsWith("Bad.Receivers", startup.Message, StringComparison.Ordinal);
        Assert.Contains("is declared a receiver but is a lambda or local function", startup.Message, StringComparison.Ordinal);
    }

    private static async Task<string> BuildMessageAsync(string receivers) =>
        Assert.Single(await ReceiverAnalysis.DiagnosticsAsync(receivers)).GetMessage(System.Globalization.CultureInfo.InvariantCulture);
}
