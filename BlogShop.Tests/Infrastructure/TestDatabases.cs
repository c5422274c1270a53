using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BlogShop.Tests.Infrastructure;

/// <summary>A real database for one test: created before it, removed after it.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    /// <summary>Points the options at this database (the provider call).</summary>
    public abstract DbContextOptionsBuilder Configure(DbContextOptionsBuilder options);

    /// <summary>Points the options at this server with a connection string, so EF opens connections itself.</summary>
    public abstract DbContextOptionsBuilder ConfigureWithOwnConnections(DbContextOptionsBuilder options);

    public abstract Task CreateAsync();

    public abstract ValueTask DisposeAsync();
}

/// <summary>
/// An SQLite in-memory database: the connection is opened once and kept open, because the database lives exactly as
/// long as its first connection.
/// </summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public SqliteConnection Connection => _connection;

    public override DbContextOptionsBuilder Configure(DbContextOptionsBuilder options) => options.UseSqlite(_connection);

    /// <summary>A separate in-memory database per connection EF opens (empty, but enough to connect).</summary>
    public override DbContextOptionsBuilder ConfigureWithOwnConnections(DbContextOptionsBuilder options) =>
        options.UseSqlite("Data Source=:memory:");

    public override Task CreateAsync() => _connection.OpenAsync();

    public override ValueTask DisposeAsync() => _connection.DisposeAsync();
}

/// <summary>
/// A uniquely named database on the PostgreSQL server of BLOGSHOP_TEST_POSTGRES, created for one test and dropped
/// after it (WITH (FORCE), so a connection left in the pool does not keep it alive).
/// </summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    private readonly string _name = "blogshop_test_" + Guid.NewGuid().ToString("N");
    private string? _connectionString;

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("Create the database first.");

    public override DbContextOptionsBuilder Configure(DbContextOptionsBuilder options) => options.UseNpgsql(ConnectionString);

    public override DbContextOptionsBuilder ConfigureWithOwnConnections(DbContextOptionsBuilder options) => Configure(options);

    public override async Task CreateAsync()
    {
        var admin = TestServers.Postgres ?? throw new InvalidOperationException(
            "BLOGSHOP_TEST_POSTGRES is not set: run ./test.sh, which starts PostgreSQL.");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{_name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        _connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = _name, Pooling = false }.ConnectionString;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_connectionString is null || TestServers.Postgres is not { } admin)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
