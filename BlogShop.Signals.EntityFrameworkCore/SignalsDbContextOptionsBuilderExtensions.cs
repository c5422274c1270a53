using BlogShop.Signals;
using BlogShop.Signals.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.EntityFrameworkCore;

/// <summary>Turns on Django's model signals for a DbContext.</summary>
public static class SignalsDbContextOptionsBuilderExtensions
{
    /// <summary>
    /// Makes the DbContext send the model signals of <see cref="ModelSignals"/>: pre/post_save, pre/post_delete (with
    /// cascades), m2m_changed, pre/post_init, connection_created and pre/post_migrate, and run after-commit receivers.
    /// Call it after the database provider: <c>services.AddDbContext&lt;T&gt;((sp, o) =&gt; o.UseSqlite(...).UseSignals(sp))</c>.
    /// </summary>
    /// <remarks>
    /// Receiver classes are resolved from the context's application service provider (the request scope under
    /// <c>AddDbContext</c>). An exception thrown by a receiver propagates out of SaveChanges: a pre-signal failure
    /// stops the save before anything is written; a post-signal failure surfaces after the rows were written.
    /// </remarks>
    /// <param name="optionsBuilder">The DbContext options.</param>
    /// <param name="serviceProvider">The application's services; they must include <c>services.AddSignals(s =&gt; s.AddModelSignals())</c>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="InvalidOperationException"><c>AddSignals(s =&gt; s.AddModelSignals())</c> was not called on the application's services.</exception>
    public static DbContextOptionsBuilder UseSignals(this DbContextOptionsBuilder optionsBuilder, IServiceProvider serviceProvider)
    {
        ArgumentNullException.ThrowIfNull(optionsBuilder);
        ArgumentNullException.ThrowIfNull(serviceProvider);
        var signals = serviceProvider.GetService<ModelSignals>() ?? throw new InvalidOperationException(
            "UseSignals needs the model signals in the application's services: call services.AddSignals(s => s.AddModelSignals()) first.");

        var alreadyUsed = optionsBuilder.Options.FindExtension<SignalsOptionsExtension>() is not null;
        ((IDbContextOptionsBuilderInfrastructure)optionsBuilder).AddOrUpdateExtension(new SignalsOptionsExtension(signals, serviceProvider));
        if (!alreadyUsed)
        {
            optionsBuilder.AddInterceptors(
                SaveSignalsInterceptor.Instance,
                TransactionSignalsInterceptor.Instance,
                ConnectionSignalsInterceptor.Instance,
                InitSignalsInterceptor.Instance);
        }

        return optionsBuilder;
    }

    /// <inheritdoc cref="UseSignals(DbContextOptionsBuilder, IServiceProvider)" />
    public static DbContextOptionsBuilder<TContext> UseSignals<TContext>(this DbContextOptionsBuilder<TContext> optionsBuilder, IServiceProvider serviceProvider)
        where TContext : DbContext =>
        (DbContextOptionsBuilder<TContext>)UseSignals((DbContextOptionsBuilder)optionsBuilder, serviceProvider);
}
