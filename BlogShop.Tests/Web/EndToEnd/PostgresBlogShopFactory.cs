using BlogShop.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace BlogShop.Tests.Web.EndToEnd;

/// <summary>
/// The site on a PostgreSQL database of its own (created on the server of BLOGSHOP_TEST_POSTGRES when the site is
/// first used, dropped with the factory). Tests using it are <c>[PostgresFact]</c>s, so it is never built without a server.
/// </summary>
public sealed class PostgresBlogShopFactory : BlogShopFactory
{
    private readonly string database = $"blogshop_web_{Guid.NewGuid():N}";
    private string? connectionString;

    protected override void ConfigureMore(IWebHostBuilder builder)
    {
        var admin = TestServers.Postgres ?? throw new InvalidOperationException("BLOGSHOP_TEST_POSTGRES is not set.");
        using (var connection = new NpgsqlConnection(admin))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            create.ExecuteNonQuery();
        }

        connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
        builder.UseSetting("Database:Provider", "Postgres");
        builder.UseSetting("ConnectionStrings:Postgres", connectionString);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && connectionString is not null)
        {
            using (var pooled = new NpgsqlConnection(connectionString))
            {
                NpgsqlConnection.ClearPool(pooled);
            }

            using var connection = new NpgsqlConnection(TestServers.Postgres);
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
            drop.ExecuteNonQuery();
        }
    }
}
