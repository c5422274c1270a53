using BlogShop.Signals;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BlogShop.Tests.Signals.Hosting;

public class AssemblyScanTests
{
    [Fact]
    public async Task AddReceiversFrom_an_assembly_connects_its_receiver_classes_and_static_methods_at_host_start()
    {
        using var host = new HostBuilder()
            .ConfigureServices(services => services
                .AddSingleton<Journal>()
                .AddScoped<ScopedProbe>()
                .AddSignals(s => s
                    .AddModelSignals()
                    .AddWebSignals()
                    .AddSignal<Ping>("test_ping")
                    .AddSignal<Pong>("test_pong")
                    .AddSignal<OrderPlaced>()
                    // The Django conformance tests' own signals: their [Receiver] classes are in this assembly too.
                    .AddSignal<BlogShop.Tests.Conformance.Django.Dispatch.ASignal>("a_signal")
                    .AddSignal<BlogShop.Tests.Conformance.Django.Dispatch.BSignal>("b_signal")
                    .AddSignal<BlogShop.Tests.Conformance.Django.Dispatch.CSignal>("c_signal")
                    .AddReceiversFrom(typeof(AssemblyScanTests).Assembly)))
            .Build();
        await host.StartAsync();
        var args = new Ping(7);

        await host.Services.GetRequiredService<Signal<Ping>>().SendAsync(typeof(Article), args);

        // Order -10 runs first; the order-0 classes run in the order the scan met them.
        var what = host.Services.GetRequiredService<Journal>().What.ToList();
        Assert.Equal("article ping 7", what[0]);
        Assert.Equal(["both: ping 7", "ping 7"], what.Skip(1).Order(StringComparer.Ordinal));
        Assert.Equal(["static sync"], args.Calls);
        await host.StopAsync();
    }
}
