namespace BlogShop.Domain.Data;

/// <summary>The database providers BlogShop has migrations for.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
    SqlServer,
}

/// <summary>
/// The <c>Database</c> section (<c>Provider</c>, <c>MigrateAtStartup</c>, <c>LoadDemoData</c>) and the chosen
/// connection string (<c>ConnectionStrings:Sqlite</c>, <c>ConnectionStrings:Postgres</c> or
/// <c>ConnectionStrings:SqlServer</c>).
/// </summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    public string ConnectionString { get; set; } = "";

    /// <summary>Apply pending migrations when the host starts (pre_migrate/post_migrate fire).</summary>
    public bool MigrateAtStartup { get; set; } = true;

    /// <summary>Load the demo fixtures into an empty database at startup; null means "in Development only".</summary>
    public bool? LoadDemoData { get; set; }
}
