using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BlogShop.Domain.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the SQLite context without starting the site. The connection string is
/// never opened when adding migrations.
/// </summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteBlogShopDbContext>
{
    public SqliteBlogShopDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteBlogShopDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the PostgreSQL context without a server.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresBlogShopDbContext>
{
    public PostgresBlogShopDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresBlogShopDbContext>().UseNpgsql("Host=localhost;Database=blogshop_design").Options);
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQL Server context without a server.</summary>
internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerBlogShopDbContext>
{
    public SqlServerBlogShopDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerBlogShopDbContext>()
            .UseSqlServer("Server=localhost;Database=blogshop_design;Integrated Security=true;TrustServerCertificate=true").Options);
}
