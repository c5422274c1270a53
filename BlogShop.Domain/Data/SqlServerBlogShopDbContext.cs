using Microsoft.EntityFrameworkCore;

namespace BlogShop.Domain.Data;

/// <summary>The SQL Server flavour of <see cref="BlogShopDbContext"/>; its migrations are in Migrations/SqlServer.</summary>
public sealed class SqlServerBlogShopDbContext(DbContextOptions<SqlServerBlogShopDbContext> options) : BlogShopDbContext(options)
{
    /// <summary>datetime2 keeps no kind: read back as UTC.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        UtcDateTimeConverter.ApplyTo(configurationBuilder);
}
