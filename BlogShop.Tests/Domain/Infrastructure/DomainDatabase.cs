using BlogShop.Tests.Infrastructure;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace BlogShop.Tests.Domain.Infrastructure;

/// <summary>
/// An empty database of its own for one test: a SQLite file in a temporary folder, or a uniquely named database on the
/// PostgreSQL server of BLOGSHOP_TEST_POSTGRES or the SQL Server of BLOGSHOP_TEST_SQLSERVER (dropped afterwards).
/// Several hosts may share it.
/// </summary>
internal sealed class DomainDatabase : IAsyncDisposable
{
    private DomainDatabase(DbProvider provider, string connectionString, string folder, string? serverName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Folder = folder;
        ServerName = serverName;
    }

    public DbProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>A temporary folder for this test's files (media, mail), deleted afterwards.</summary>
    public string Folder { get; }

    /// <summary>The database's name on its server (null for SQLite).</summary>
    private string? ServerName { get; }

    public static async Task<DomainDatabase> CreateAsync(DbProvider provider)
    {
        var folder = Directory.CreateTempSubdirectory("blogshop-domain-").FullName;
        if (provider == DbProvider.Sqlite)
        {
            return new DomainDatabase(provider, $"Data Source={Path.Combine(folder, "test.db")}", folder, null);
        }

        var name = $"blogshop_domain_{Guid.NewGuid():N}";
        if (provider == DbProvider.SqlServer)
        {
            var server = TestServers.SqlServer ?? throw new InvalidOperationException("BLOGSHOP_TEST_SQLSERVER is not set.");
            await using (var connection = new SqlConnection(server))
            {
                await connection.OpenAsync();
                await using var create = new SqlCommand($"CREATE DATABASE [{name}]", connection);
                await create.ExecuteNonQueryAsync();
            }

            return new DomainDatabase(provider, new SqlConnectionStringBuilder(server) { InitialCatalog = name }.ConnectionString, folder, name);
        }

        var admin = TestServers.Postgres ?? throw new InvalidOperationException("BLOGSHOP_TEST_POSTGRES is not set.");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        return new DomainDatabase(provider, connectionString, folder, name);
    }

    /// <summary>The configuration that points AddBlogShopDomain at this database.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Database:Provider"] = Provider.ToString(),
        [$"ConnectionStrings:{Provider}"] = ConnectionString,
    };

    public async ValueTask DisposeAsync()
    {
        if (Provider == DbProvider.Sqlite)
        {
            // Pooled connections keep the file open; only this database's pool is cleared (other tests run in parallel).
            using var connection = new SqliteConnection(ConnectionString);
            SqliteConnection.ClearPool(connection);
        }
        else if (Provider == DbProvider.SqlServer)
        {
            using (var pooled = new SqlConnection(ConnectionString))
            {
                SqlConnection.ClearPool(pooled);
            }

            await using var connection = new SqlConnection(TestServers.SqlServer);
            await connection.OpenAsync();
            await using var drop = new SqlCommand($"ALTER DATABASE [{ServerName}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{ServerName}]", connection);
            await drop.ExecuteNonQueryAsync();
        }
        else
        {
            using (var pooled = new NpgsqlConnection(ConnectionString))
            {
                NpgsqlConnection.ClearPool(pooled);
            }

            await using var connection = new NpgsqlConnection(TestServers.Postgres);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{ServerName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a closing handle: the temporary folder is cleaned by the OS later.
        }
    }
}
