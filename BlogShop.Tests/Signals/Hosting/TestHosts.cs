using BlogShop.Signals;
using Microsoft.Extensions.DependencyInjection;

namespace BlogShop.Tests.Signals.Hosting;

internal static class TestHosts
{
    /// <summary>A service provider with the test signals, the receivers' services, and what <paramref name="configure"/> adds.</summary>
    public static ServiceProvider Build(Action<SignalsBuilder> configure, Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<Journal>();
        collection.AddScoped<ScopedProbe>();
        services?.Invoke(collection);
        collection.AddSignals(s =>
        {
            s.AddSignal<Ping>("test_ping");
            s.AddSignal<Pong>("test_pong");
            s.AddSignal<OrderPlaced>();
            configure(s);
        });
        return collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }
}
