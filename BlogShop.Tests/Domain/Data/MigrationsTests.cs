using BlogShop.Domain.Data;
using BlogShop.Tests.Domain.Infrastructure;
using System.Data.Common;
using BlogShop.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;

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
    public async Task Migrating_an_empty_database_warns_of_nothing_such_as_an_operation_outside_the_transaction(DbProvider provider)
    {
        // A SQLite table rebuild by EF runs "PRAGMA foreign_keys = 0" outside the migration's transaction: a crash
        // there would leave the migration half applied.
        await using var host = await DomainHost.StartAsync(provider);

        Assert.DoesNotContain(host.Logs.Entries, e => e.Category == DbLoggerCategory.Migrations.Name && e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task The_stock_of_a_product_cannot_go_below_zero_on_sqlite_either()
    {
        await using var host = await DomainHost.StartAsync(DbProvider.Sqlite);
        await using var scoped = host.OpenDb();

        var product = new Product { Name = "Lamp", Stock = 1 };
        scoped.Db.Products.Add(product);
        await scoped.Db.SaveChangesAsync();
        var error = await Assert.ThrowsAnyAsync<DbException>(() =>
            scoped.Db.Products.Where(p => p.Id == product.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, -1)));

        Assert.Contains("CK_Products_Stock", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Products_stored_before_the_shop_migration_keep_their_rows_through_its_sqlite_rebuild()
    {
        var folder = Directory.CreateTempSubdirectory("blogshop-migrate-");
        try
        {
            var options = new DbContextOptionsBuilder<SqliteBlogShopDbContext>()
                .UseSqlite($"Data Source={Path.Combine(folder.FullName, "blogshop.db")};Pooling=False").Options;
            await using var db = new SqliteBlogShopDbContext(options);
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync("20261122003736_Initial");
            await db.Database.ExecuteSqlRawAsync("INSERT INTO \"Products\" (\"Name\", \"Stock\") VALUES ('Lamp', 3)");

            await migrator.MigrateAsync();

            var product = await db.Products.SingleAsync();
            Assert.Equal(("Lamp", 3, "", 0m), (product.Name, product.Stock, product.Description, product.Price));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
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
