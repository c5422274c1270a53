using BlogShop.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BlogShop.Tests.Domain.Data;

/// <summary>
/// The SQL Server migrations, proven on every machine without a server (no connection is opened): they cover the
/// model, and the idempotent deployment script is generated from them. Applying them to a real server is
/// <see cref="MigrationsTests"/>' SQL Server case (BLOGSHOP_TEST_SQLSERVER).
/// </summary>
public sealed class SqlServerMigrationsTests
{
    private static SqlServerBlogShopDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<SqlServerBlogShopDbContext>()
            .UseSqlServer("Server=sqlserver.invalid;Database=blogshop;User ID=sa;Password=unused;TrustServerCertificate=true").Options);

    [Fact]
    public void The_model_has_no_changes_missing_from_the_SQL_Server_migrations()
    {
        using var db = CreateContext();

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public void The_idempotent_script_creates_every_table_of_the_model_once()
    {
        using var db = CreateContext();
        var migrator = db.GetService<IMigrator>();

        var script = migrator.GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        // Idempotent: every migration is guarded by its row in the history table.
        foreach (var migration in db.Database.GetMigrations())
        {
            Assert.Contains($"WHERE [MigrationId] = N'{migration}'", script, StringComparison.Ordinal);
        }

        foreach (var table in db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct())
        {
            Assert.Contains($"CREATE TABLE [{table}]", script, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Times_are_read_back_as_utc_on_SQL_Server()
    {
        using var db = CreateContext();
        var property = db.Model.FindEntityType(typeof(BlogShop.Domain.Entities.Notification))!.FindProperty("CreatedAt")!;
        var converter = property.GetTypeMapping().Converter!;

        var read = (DateTime)converter.ConvertFromProvider(new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Unspecified))!;

        Assert.Equal(DateTimeKind.Utc, read.Kind);
        Assert.Equal("datetime2", property.GetColumnType());
    }
}
