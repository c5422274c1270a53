using Microsoft.EntityFrameworkCore;

namespace BlogShop.Domain.Data;

/// <summary>The SQLite flavour of <see cref="BlogShopDbContext"/>; its migrations are in Migrations/Sqlite.</summary>
public sealed class SqliteBlogShopDbContext(DbContextOptions<SqliteBlogShopDbContext> options) : BlogShopDbContext(options)
{
    /// <summary>SQLite stores DateTime as text without a kind: read back as UTC.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        UtcDateTimeConverter.ApplyTo(configurationBuilder);
}
