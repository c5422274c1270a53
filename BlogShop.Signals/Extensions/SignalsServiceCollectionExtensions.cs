using BlogShop.Signals;
using BlogShop.Signals.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers BlogShop.Signals in a service collection.</summary>
public static class SignalsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the signal hub of this host and the signals and receivers <paramref name="configure"/> declares. The model
    /// signals and the web signals come with their packages: <c>s.AddModelSignals()</c> (BlogShop.Signals.EntityFrameworkCore)
    /// and <c>s.AddWebSignals()</c> (BlogShop.Signals.AspNetCore). May be called more than once; declarations add up. Receivers are connected when the host starts
    /// (or when a signal is first resolved); a wrongly declared receiver throws <see cref="InvalidOperationException"/> then.
    /// </summary>
    public static IServiceCollection AddSignals(this IServiceCollection services, Action<SignalsBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var catalog = FindCatalog(services);
        if (catalog is null)
        {
            catalog = new SignalCatalog(services);
            services.AddSingleton(catalog);
            services.TryAddSingleton(sp => new SignalHub(sp, catalog, sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
            services.AddHostedService<SignalsStartup>();
        }

        configure?.Invoke(new SignalsBuilder(services, catalog));
        return services;
    }

    private static SignalCatalog? FindCatalog(IServiceCollection services) =>
        services.FirstOrDefault(d => d.ServiceType == typeof(SignalCatalog))?.ImplementationInstance as SignalCatalog;
}
