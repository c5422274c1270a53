using BlogShop.Domain.Media;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlogShop.Domain.Data;

/// <summary>
/// The startup step: applies pending migrations through <c>Database.MigrateAsync</c>
/// (so pre_migrate/post_migrate fire), writes the default media files, and in Development loads the demo fixtures
/// into an empty database. Runs before the server accepts requests; a failure stops the host from starting.
/// </summary>
internal sealed partial class DatabaseStartup(
    IServiceScopeFactory scopes,
    IOptions<DatabaseOptions> options,
    FileSystemMediaStorage media,
    IHostEnvironment environment,
    ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await media.EnsureDefaultsAsync(cancellationToken).ConfigureAwait(false);
        if (!settings.MigrateAtStartup)
        {
            return;
        }

        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            // SQLite creates the file but not its folder.
            var file = new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource;
            if (Path.GetDirectoryName(Path.GetFullPath(file)) is { Length: > 0 } folder && !file.StartsWith(':') && !file.StartsWith("file:", StringComparison.Ordinal))
            {
                Directory.CreateDirectory(folder);
            }
        }

        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<BlogShopDbContext>();
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
            await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            LogMigrated(settings.Provider, pending.Count);

            if ((settings.LoadDemoData ?? environment.IsDevelopment()) && settings.Provider == DatabaseProvider.SqlServer)
            {
                LogNoDemoDataOnSqlServer();
            }
            else if (settings.LoadDemoData ?? environment.IsDevelopment())
            {
                if (await DemoData.LoadIfEmptyAsync(db, media, cancellationToken).ConfigureAwait(false))
                {
                    LogDemoDataLoaded();
                }
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ({Provider}) is up to date: {Count} migration(s) applied at startup")]
    private partial void LogMigrated(DatabaseProvider provider, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo data is not loaded on SQL Server: the fixture rows carry their keys, which its identity columns refuse")]
    private partial void LogNoDemoDataOnSqlServer();

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data loaded (users ada, grace and alan; password " + DemoData.Password + ")")]
    private partial void LogDemoDataLoaded();
}
