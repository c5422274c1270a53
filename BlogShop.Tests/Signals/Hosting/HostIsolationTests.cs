using BlogShop.Signals;
using BlogShop.Signals.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BlogShop.Tests.Signals.Hosting;

public class HostIsolationTests
{
    [Fact]
    public async Task Two_service_providers_have_their_own_signals_and_declared_receivers()
    {
        await using var first = TestHosts.Build(s => s.AddReceiver<RecordPing>());
        await using var second = TestHosts.Build(s => s.AddReceiver<RecordPingAndPong>());

        first.GetRequiredService<Signal<Ping>>().Send(null, new Ping(1));
        second.GetRequiredService<Signal<Ping>>().Send(null, new Ping(2));

        Assert.NotSame(first.GetRequiredService<Signal<Ping>>(), second.GetRequiredService<Signal<Ping>>());
        Assert.Equal(["ping 1"], first.GetRequiredService<Journal>().What);
        Assert.Equal(["both: ping 2"], second.GetRequiredService<Journal>().What);
    }

    [Fact]
    public async Task Two_providers_built_from_one_collection_do_not_share_receivers_connected_at_run_time()
    {
        var collection = new ServiceCollection().AddSignals(s => s.AddModelSignals().AddSignal<Ping>("test_ping"));
        await using var first = collection.BuildServiceProvider();
        await using var second = collection.BuildServiceProvider();
        var listener = new Listener();

        first.GetRequiredService<Signal<Ping>>().Connect(listener.OnPing);
        first.GetRequiredService<ModelSignals>().PostSave.Connect((_, _) => { });
        second.GetRequiredService<Signal<Ping>>().Send(null, new Ping(5));

        Assert.Empty(listener.Seen);
        Assert.False(second.GetRequiredService<Signal<Ping>>().HasListeners());
        Assert.False(second.GetRequiredService<ModelSignals>().PostSave.HasListeners());
        Assert.NotSame(first.GetRequiredService<ModelSignals>(), second.GetRequiredService<ModelSignals>());
    }

    [Fact]
    public async Task Two_running_hosts_in_one_process_each_call_only_their_own_receivers()
    {
        using var first = StartedHost();
        using var second = StartedHost();
        await first.StartAsync();
        await second.StartAsync();

        await first.Services.GetRequiredService<Signal<Ping>>().SendAsync(null, new Ping(1));

        Assert.Equal(["ping 1"], first.Services.GetRequiredService<Journal>().What);
        Assert.Empty(second.Services.GetRequiredService<Journal>().Entries);
        await first.StopAsync();
        await second.StopAsync();
    }

    private static IHost StartedHost() =>
        new HostBuilder()
            .ConfigureServices(services => services
                .AddSingleton<Journal>()
                .AddScoped<ScopedProbe>()
                .AddSignals(s => s.AddSignal<Ping>("test_ping").AddReceiver<RecordPing>()))
            .Build();
}
