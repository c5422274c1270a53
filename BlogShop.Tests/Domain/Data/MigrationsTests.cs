using BlogShop.Domain.Data;
using BlogShop.Tests.Domain.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Tests.Domain.Data;

public sealed class MigrationsTests
{
    [ProviderTheory, OnEveryProvider]
    public async Task The_startup_step_applies_every_migration_of_the_configured_provider(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        await using var scoped = host.OpenDb();

        var expected = provider switch
        {
            DbProvider.Sqlite => typeof(SqliteBlogShopDbContext),
            DbProvider.Postgres => typeof(PostgresBlogShopDbContext),
            _ => typeof(SqlServerBlogShopDbContext),
        };
        Assert.IsType(expected, scoped.Db);
        Assert.Empty(await scoped.Db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await scoped.Db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(0, await scoped.Db.Articles.CountAsync());
    }

    [ProviderTheory, OnEveryProvider]
    public async Task The_model_has_no_changes_missing_from_the_migrations(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        await using var scoped = host.OpenDb();

        Assert.False(scoped.Db.Database.HasPendingModelChanges());
    }

    [ProviderTheory, OnEveryProvider]
    public async Task Times_read_back_as_utc(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var user = await host.CreateUserAsync("tess");
        var when = new DateTime(2026, 11, 22, 10, 30, 0, DateTimeKind.Utc);
        await using (var scoped = host.OpenDb())
        {
            scoped.Db.Notifications.Add(new() { RecipientId = user.Id, Message = "m", CreatedAt = when });
            await scoped.Db.SaveChangesAsync();
        }

        var stored = Assert.Single(await host.NotificationsForAsync(user.Id));
        Assert.Equal(when, stored.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, stored.CreatedAt.Kind);
    }
}
