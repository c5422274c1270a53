using BlogShop.Signals;
using BlogShop.Signals.Hosting;
using BlogShop.Signals.Web;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers BlogShop.Signals in a service collection.</summary>
public static class SignalsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the signals of this host (the model signals and the web signals included) and the receivers <paramref name="configure"/>
    /// declares. May be called more than once; declarations add up. Receivers are connected when the host starts
    /// (or when a signal is first resolved); a wrongly declared receiver throws <see cref="InvalidOperationException"/> then.
    /// </summary>
    public static IServiceCollection AddSignals(this IServiceCollection services, Action<SignalsBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var catalog = FindCatalog(services);
        if (catalog is null)
        {
            catalog = new SignalCatalog();
            services.AddSingleton(catalog);
            services.AddLogging();
            services.TryAddSingleton<SignalHub>();
            services.AddHostedService<SignalsStartup>();
        }

        var builder = new SignalsBuilder(services, catalog);
        builder.AddGroup(_ => new ModelSignals());
        builder.AddWebSignals();
        configure?.Invoke(builder);
        return services;
    }

    private static SignalCatalog? FindCatalog(IServiceCollection services) =>
        services.FirstOrDefault(d => d.ServiceType == typeof(SignalCatalog))?.ImplementationInstance as SignalCatalog;
}
