using BlogShop.Signals;
using BlogShop.Signals.EntityFrameworkCore;
using BlogShop.Tests.Domain.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BlogShop.Tests.Domain.Data;

public sealed class MigrateSignalsTests
{
    [ProviderTheory, OnEveryProvider]
    public async Task The_startup_migration_sends_pre_and_post_migrate_with_the_applied_migrations(DbProvider provider)
    {
        var recorded = new MigrationLog();
        await using var host = await DomainHost.StartAsync(provider, services: services =>
        {
            services.AddSingleton(recorded);
            services.AddSignals(s => s.AddReceiver<RecordPreMigrate>().AddReceiver<RecordPostMigrate>());
        });

        Assert.Equal(["pre_migrate", "post_migrate"], recorded.Signals);
        Assert.Contains(recorded.Migrations, m => m.EndsWith("_Initial", StringComparison.Ordinal));
    }

    internal sealed class MigrationLog
    {
        public List<string> Signals { get; } = [];

        public List<string> Migrations { get; } = [];
    }

    [Receiver]
    internal sealed class RecordPreMigrate(MigrationLog log) : ISignalReceiver<PreMigrate>
    {
        public ValueTask HandleAsync(object? sender, PreMigrate args, CancellationToken cancellationToken)
        {
            log.Signals.Add("pre_migrate");
            return ValueTask.CompletedTask;
        }
    }

    [Receiver]
    internal sealed class RecordPostMigrate(MigrationLog log) : ISignalReceiver<PostMigrate>
    {
        public ValueTask HandleAsync(object? sender, PostMigrate args, CancellationToken cancellationToken)
        {
            log.Signals.Add("post_migrate");
            log.Migrations.AddRange(args.Migrations);
            return ValueTask.CompletedTask;
        }
    }
}
