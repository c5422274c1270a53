using BlogShop.Signals;
using BlogShop.Signals.AspNetCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the web signals to a host's signals.</summary>
public static class SignalsBuilderAspNetCoreExtensions
{
    /// <summary>
    /// Adds <see cref="WebSignals"/> (a singleton of this host) and what feeds <c>setting_changed</c> (configuration
    /// reloads) and <c>template_rendered</c> (MVC views) while the host runs. The request signals are sent once the
    /// pipeline calls <c>app.UseSignals()</c>. Calling it again does nothing.
    /// </summary>
    public static SignalsBuilder AddWebSignals(this SignalsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddGroup(_ => new WebSignals());
        builder.Services.TryAddSingleton<WebSignalsStartup>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WebSignalsStartup>());
        return builder;
    }
}
