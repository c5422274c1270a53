using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BlogShop.Domain.Data;

/// <summary>The SQLite flavour of <see cref="BlogShopDbContext"/>; its migrations are in Migrations/Sqlite.</summary>
public sealed class SqliteBlogShopDbContext(DbContextOptions<SqliteBlogShopDbContext> options) : BlogShopDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite stores DateTime as text without a kind; every DateTime here is UTC, so say so when reading it back
        // (PostgreSQL's timestamptz already does).
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        value => value, stored => DateTime.SpecifyKind(stored, DateTimeKind.Utc));
}
