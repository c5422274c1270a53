using BlogShop.Signals;
using BlogShop.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BlogShop.Tests.Signals.Hosting;

/// <summary>A receiver class lives as long as the host registers it for: singleton, scoped (the default) or transient.</summary>
public class ReceiverLifetimeTests
{
    [Fact]
    public async Task A_receiver_class_registered_as_a_singleton_is_resolved_once_for_every_send_and_scope()
    {
        using var resolutions = new ServiceResolutions();
        await using var services = TestHosts.Build(
            s => s.AddReceiver<NotePingInstance>(),
            c => c.AddSingleton<InstanceLog>().AddSingleton<NotePingInstance>());
        var signal = services.GetRequiredService<Signal<Ping>>();

        await SendEveryWay(services, signal);

        // Resolved once from the container, not merely one instance handed out again at each send's resolution.
        Assert.Equal(1, resolutions.Of(typeof(NotePingInstance), services));
        var log = services.GetRequiredService<InstanceLog>();
        Assert.Equal(1, log.Created);
        Assert.Equal(6, log.Handled.Count);
        Assert.All(log.Handled, instance => Assert.Same(services.GetRequiredService<NotePingInstance>(), instance));
    }

    [Fact]
    public async Task A_singleton_registration_made_after_AddSignals_counts_too()
    {
        var collection = new ServiceCollection().AddSingleton<InstanceLog>();
        collection.AddSignals(s => s.AddSignal<Ping>("test_ping").AddReceiver<NotePingInstance>());
        collection.AddSingleton<NotePingInstance>();
        await using var services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        var signal = services.GetRequiredService<Signal<Ping>>();

        await SendEveryWay(services, signal);

        Assert.Equal(1, services.GetRequiredService<InstanceLog>().Created);
    }

    [Fact]
    public async Task A_scoped_receiver_class_gets_one_instance_per_scope_and_a_new_one_per_send_without_a_scope()
    {
        using var resolutions = new ServiceResolutions();
        await using var services = TestHosts.Build(s => s.AddReceiver<NotePingInstance>(), c => c.AddSingleton<InstanceLog>());
        var signal = services.GetRequiredService<Signal<Ping>>();

        await SendEveryWay(services, signal);

        // Two sends in each of two scopes share that scope's instance; the two sends without a scope get one each.
        Assert.Equal(6, resolutions.Of(typeof(NotePingInstance), services));
        var handled = services.GetRequiredService<InstanceLog>().Handled.ToArray();
        Assert.Equal(4, services.GetRequiredService<InstanceLog>().Created);
        Assert.NotSame(handled[0], handled[1]);
        Assert.Same(handled[2], handled[3]);
        Assert.Same(handled[4], handled[5]);
        Assert.NotSame(handled[2], handled[4]);
        Assert.DoesNotContain(handled[0], handled[2..]);
        Assert.DoesNotContain(handled[1], handled[2..]);
    }

    [Fact]
    public async Task A_transient_receiver_class_gets_a_new_instance_for_each_send_even_in_one_scope()
    {
        await using var services = TestHosts.Build(
            s => s.AddReceiver<NotePingInstance>(),
            c => c.AddSingleton<InstanceLog>().AddTransient<NotePingInstance>());
        var signal = services.GetRequiredService<Signal<Ping>>();

        await SendEveryWay(services, signal);

        var log = services.GetRequiredService<InstanceLog>();
        Assert.Equal(6, log.Created);
        Assert.Equal(6, log.Handled.Distinct().Count());
    }

    [Fact]
    public async Task A_singleton_receiver_may_take_a_signal_of_its_host_in_its_constructor()
    {
        await using var services = TestHosts.Build(
            s => s.AddReceiver<AnswerPingWithPong>(),
            c => c.AddSingleton<AnswerPingWithPong>());
        var answers = new List<string>();
        services.GetRequiredService<Signal<Pong>>().Connect((_, pong) => answers.Add(pong.Text));

        await services.GetRequiredService<Signal<Ping>>().SendAsync(null, new Ping(7));

        Assert.Equal(["answer to 7"], answers);
    }

    /// <summary>Two sends without a scope (sync and async), then two sends in each of two scopes (robust, async).</summary>
    private static async Task SendEveryWay(ServiceProvider services, Signal<Ping> signal)
    {
        signal.Send(null, new Ping(1));
        await signal.SendRobustAsync(null, new Ping(2));
        foreach (var value in new[] { 3, 5 })
        {
            await using var scope = services.CreateAsyncScope();
            signal.SendScoped(null, new Ping(value), scope.ServiceProvider, robust: true);
            await signal.SendScopedAsync(null, new Ping(value + 1), scope.ServiceProvider, robust: false, CancellationToken.None);
        }
    }
}
