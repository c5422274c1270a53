using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BlogShop.Signals.Web;

internal static class WebSignalsRegistration
{
    /// <summary>Registers <see cref="WebSignals"/> and what feeds its configuration and view signals; idempotent.</summary>
    public static SignalsBuilder AddWebSignals(this SignalsBuilder builder)
    {
        builder.AddGroup(_ => new WebSignals());
        builder.Services.TryAddSingleton<WebSignalsStartup>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WebSignalsStartup>());
        return builder;
    }
}
