using BlogShop.Signals;
using BlogShop.Signals.EntityFrameworkCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the model signals to a host's signals.</summary>
public static class SignalsBuilderEntityFrameworkCoreExtensions
{
    /// <summary>
    /// Adds <see cref="ModelSignals"/> (a singleton of this host) and makes receiver classes declared with
    /// <see cref="ReceiverAttribute.OnCommit"/> wait for the sending DbContext's commit. A DbContext sends them once its
    /// options call <c>UseSignals(serviceProvider)</c>. Calling it again does nothing.
    /// </summary>
    public static SignalsBuilder AddModelSignals(this SignalsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddGroup(_ => new ModelSignals());
        builder.Catalog.ConnectOnCommit = OnCommitReceivers.Connect;
        return builder;
    }
}
