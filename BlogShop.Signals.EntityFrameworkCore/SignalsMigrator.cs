using BlogShop.Signals.Dispatch;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace BlogShop.Signals.EntityFrameworkCore;

/// <summary>
/// Sends pre_migrate/post_migrate around the provider's own <see cref="IMigrator"/>, which it wraps rather than
/// replaces (Npgsql's migrator, for one, does provider-specific work after migrating).
/// </summary>
internal sealed class SignalsMigrator(
    IMigrator inner, ICurrentDbContext current, IMigrationsAssembly migrations, IHistoryRepository history) : IMigrator
{
    /// <summary>Wraps the IMigrator the database provider registered; UseSignals must come after the provider.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var index = -1;
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(IMigrator))
            {
                index = i;
                break;
            }
        }

        if (index < 0)
        {
            if (services.Any(d => d.ServiceType == typeof(IDatabaseProvider)))
            {
                return; // A provider without migrations (not relational): nothing to wrap.
            }

            throw new InvalidOperationException(
                "UseSignals found no database provider: call it after UseSqlite/UseNpgsql/... on the DbContext options.");
        }

        var original = services[index];
        if (original.ImplementationType == typeof(SignalsMigrator))
        {
            return;
        }

        services[index] = ServiceDescriptor.Describe(
            typeof(IMigrator),
            sp => new SignalsMigrator(
                CreateInner(sp, original),
                sp.GetRequiredService<ICurrentDbContext>(),
                sp.GetRequiredService<IMigrationsAssembly>(),
                sp.GetRequiredService<IHistoryRepository>()),
            original.Lifetime);
    }

    /// <summary>The provider's migrator, which does the work.</summary>
    internal IMigrator Inner => inner;

    public void Migrate(string? targetMigration) => SyncPath.Wait(MigrateCoreAsync(targetMigration, CancellationToken.None));

    public Task MigrateAsync(string? targetMigration, CancellationToken cancellationToken = default) =>
        MigrateCoreAsync(targetMigration, cancellationToken).AsTask();

    public string GenerateScript(string? fromMigration = null, string? toMigration = null, MigrationsSqlGenerationOptions options = MigrationsSqlGenerationOptions.Default) =>
        inner.GenerateScript(fromMigration, toMigration, options);

    public bool HasPendingModelChanges() => inner.HasPendingModelChanges();

    private static IMigrator CreateInner(IServiceProvider services, ServiceDescriptor original) =>
        (IMigrator)(original.ImplementationInstance
                    ?? original.ImplementationFactory?.Invoke(services)
                    ?? ActivatorUtilities.CreateInstance(services, original.ImplementationType!));

    private async ValueTask MigrateCoreAsync(string? targetMigration, CancellationToken cancellationToken)
    {
        if (SignalsContextState.Find(current.Context) is not { } state)
        {
            await inner.MigrateAsync(targetMigration, cancellationToken).ConfigureAwait(false);
            return;
        }

        var sender = current.Context.GetType();
        var signals = state.Signals;
        var before = await AppliedAsync(cancellationToken).ConfigureAwait(false);
        var pending = migrations.Migrations.Keys
            .Where(id => !before.Contains(id) && (targetMigration is null || string.CompareOrdinal(id, targetMigration) <= 0))
            .ToList();
        await signals.PreMigrate.SendScopedAsync(sender, new PreMigrate(current.Context, pending), state.Services, robust: false, cancellationToken)
            .ConfigureAwait(false);

        await inner.MigrateAsync(targetMigration, cancellationToken).ConfigureAwait(false);

        var after = await AppliedAsync(cancellationToken).ConfigureAwait(false);
        var applied = migrations.Migrations.Keys.Where(id => after.Contains(id) && !before.Contains(id)).ToList();
        await signals.PostMigrate.SendScopedAsync(sender, new PostMigrate(current.Context, applied), state.Services, robust: false, cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task<HashSet<string>> AppliedAsync(CancellationToken cancellationToken)
    {
        if (!await history.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return [];
        }

        var rows = await history.GetAppliedMigrationsAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => r.MigrationId).ToHashSet(StringComparer.Ordinal);
    }
}
