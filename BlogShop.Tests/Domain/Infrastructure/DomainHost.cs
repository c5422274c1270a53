using BlogShop.Domain.Data;
using BlogShop.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BlogShop.Tests.Domain.Infrastructure;

/// <summary>
/// A real host with <c>AddBlogShopDomain</c>, as the site has it: started (so migrations are applied with MigrateAsync
/// and receivers are connected) on a <see cref="DomainDatabase"/>. The outbox dispatcher and demo data are off unless a
/// test turns them on.
/// </summary>
internal sealed class DomainHost : IAsyncDisposable
{
    private readonly IHost host;
    private readonly DomainDatabase? ownedDatabase;

    private DomainHost(IHost host, DomainDatabase database, DomainDatabase? ownedDatabase, LogRecorder logs)
    {
        this.host = host;
        Database = database;
        this.ownedDatabase = ownedDatabase;
        Logs = logs;
    }

    public DomainDatabase Database { get; }

    public LogRecorder Logs { get; }

    public IServiceProvider Services => host.Services;

    /// <summary>The media folder of this host.</summary>
    public string MediaRoot => Path.Combine(Database.Folder, "media");

    /// <summary>Starts a host on a new database of <paramref name="provider"/>, owned (and dropped) by the host.</summary>
    public static async Task<DomainHost> StartAsync(
        DbProvider provider, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, string environment = "Testing")
    {
        var database = await DomainDatabase.CreateAsync(provider);
        return await StartAsync(database, settings, ownsDatabase: true, services, environment);
    }

    /// <summary>Starts a host on an existing database (several hosts may share one).</summary>
    public static async Task<DomainHost> StartAsync(
        DomainDatabase database,
        IDictionary<string, string?>? settings = null,
        bool ownsDatabase = false,
        Action<IServiceCollection>? services = null,
        string environment = "Testing")
    {
        ArgumentNullException.ThrowIfNull(database);
        var configuration = new Dictionary<string, string?>
        {
            ["DataFolder"] = database.Folder,
            ["Outbox:Enabled"] = "false",
            ["Database:LoadDemoData"] = "false",
        };
        foreach (var (key, value) in database.Settings())
        {
            configuration[key] = value;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = environment,
            ContentRootPath = database.Folder,
        });
        builder.Configuration.AddInMemoryCollection(configuration);
        var logs = new LogRecorder();
        builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddBlogShopDomain(builder.Configuration);
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new DomainHost(host, database, ownsDatabase ? database : null, logs);
    }

    /// <summary>A new DI scope and its DbContext (the configured provider's).</summary>
    public ScopedDb OpenDb()
    {
        var scope = host.Services.CreateAsyncScope();
        return new ScopedDb(scope, scope.ServiceProvider.GetRequiredService<BlogShopDbContext>());
    }

    /// <summary>Saves a user through a fresh context and returns it (detached).</summary>
    public async Task<ApplicationUser> CreateUserAsync(string userName, bool isStaff = false, string? email = null)
    {
        var user = NewUser(userName, email);
        user.IsStaff = isStaff;
        await using var scoped = OpenDb();
        scoped.Db.Users.Add(user);
        await scoped.Db.SaveChangesAsync();
        return user;
    }

    public static ApplicationUser NewUser(string userName, string? email = null)
    {
        email ??= $"{userName}@example.test";
        return new ApplicationUser
        {
            UserName = userName,
            NormalizedUserName = userName.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            FirstName = char.ToUpperInvariant(userName[0]) + userName[1..],
            LastName = "Tester",
            SecurityStamp = Guid.NewGuid().ToString(),
        };
    }

    /// <summary>Runs <paramref name="query"/> on a fresh context (nothing cached from the test's own context).</summary>
    public async Task<T> QueryAsync<T>(Func<BlogShopDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var scoped = OpenDb();
        return await query(scoped.Db);
    }

    public Task<List<Notification>> NotificationsForAsync(string userId) =>
        QueryAsync(db => db.Notifications.AsNoTracking().Where(n => n.RecipientId == userId).OrderBy(n => n.Id).ToListAsync());

    public Task<List<OutboxEmail>> OutboxForAsync(string to) =>
        QueryAsync(db => db.OutboxEmails.AsNoTracking().Where(e => e.To == to).OrderBy(e => e.Id).ToListAsync());

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        if (ownedDatabase is not null)
        {
            await ownedDatabase.DisposeAsync();
        }
    }
}

internal sealed class ScopedDb(AsyncServiceScope scope, BlogShopDbContext db) : IAsyncDisposable
{
    public BlogShopDbContext Db { get; } = db;

    public IServiceProvider Services => scope.ServiceProvider;

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}
