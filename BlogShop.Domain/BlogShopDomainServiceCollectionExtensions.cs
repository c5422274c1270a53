using BlogShop.Domain;
using BlogShop.Domain.Data;
using BlogShop.Domain.Email;
using BlogShop.Domain.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers BlogShop's domain: the database, the receivers, email and media storage.</summary>
public static class BlogShopDomainServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="BlogShopDbContext"/> of the provider named by <c>Database:Provider</c> (<c>Sqlite</c>, the
    /// default, <c>Postgres</c> or <c>SqlServer</c>) with model signals, the receivers of BlogShop.Domain, the email outbox and its
    /// dispatcher, <see cref="IMediaStorage"/>, and the startup step that migrates the database.
    /// Relative folders are resolved against the content root; the app's data folder is <c>DataFolder</c>
    /// (default <c>App_Data</c>), holding the SQLite file, <c>media</c> and captured <c>mail</c> by default.
    /// An unknown provider throws <see cref="InvalidOperationException"/> here, at registration.
    /// </summary>
    public static IServiceCollection AddBlogShopDomain(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var contentRoot = configuration[HostDefaults.ContentRootKey] is { Length: > 0 } root ? root : Directory.GetCurrentDirectory();
        var dataFolder = Path.GetFullPath(configuration["DataFolder"] is { Length: > 0 } data ? data : "App_Data", contentRoot);

        var database = new DatabaseOptions
        {
            MigrateAtStartup = configuration.GetValue("Database:MigrateAtStartup", defaultValue: true),
            LoadDemoData = configuration.GetValue<bool?>("Database:LoadDemoData"),
        };
        var providerName = configuration["Database:Provider"];
        database.Provider = providerName?.ToUpperInvariant() switch
        {
            null or "" or "SQLITE" => DatabaseProvider.Sqlite,
            "POSTGRES" or "POSTGRESQL" or "NPGSQL" => DatabaseProvider.Postgres,
            "SQLSERVER" or "MSSQL" => DatabaseProvider.SqlServer,
            _ => throw new InvalidOperationException(
                $"Database:Provider '{providerName}' is not supported: use 'Sqlite' (the default), 'Postgres' or 'SqlServer'."),
        };
        database.ConnectionString = database.Provider switch
        {
            DatabaseProvider.Sqlite => configuration.GetConnectionString("Sqlite") is { Length: > 0 } sqlite
                ? sqlite
                : $"Data Source={Path.Combine(dataFolder, "blogshop.db")}",
            var server => configuration.GetConnectionString(server.ToString()) is { Length: > 0 } connectionString
                ? connectionString
                : throw new InvalidOperationException($"Database:Provider is {server} but ConnectionStrings:{server} is empty."),
        };
        services.AddSingleton(Options.Options.Create(database));

        switch (database.Provider)
        {
            case DatabaseProvider.Postgres:
                services.AddDbContext<PostgresBlogShopDbContext>((sp, options) => options.UseNpgsql(database.ConnectionString).UseSignals(sp));
                services.AddScoped<BlogShopDbContext>(sp => sp.GetRequiredService<PostgresBlogShopDbContext>());
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContext<SqlServerBlogShopDbContext>((sp, options) => options.UseSqlServer(database.ConnectionString).UseSignals(sp));
                services.AddScoped<BlogShopDbContext>(sp => sp.GetRequiredService<SqlServerBlogShopDbContext>());
                break;
            default:
                services.AddDbContext<SqliteBlogShopDbContext>((sp, options) => options.UseSqlite(database.ConnectionString).UseSignals(sp));
                services.AddScoped<BlogShopDbContext>(sp => sp.GetRequiredService<SqliteBlogShopDbContext>());
                break;
        }

        services.AddSignals(signals => signals.AddModelSignals().AddReceiversFrom(typeof(BlogShopDbContext).Assembly));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<BlogShop.Domain.Shop.Checkout>();

        services.AddOptions<MediaOptions>().Bind(configuration.GetSection("Media")).PostConfigure(media =>
            media.Root = Path.GetFullPath(media.Root is { Length: > 0 } ? media.Root : Path.Combine(dataFolder, "media"), contentRoot));
        services.TryAddSingleton<FileSystemMediaStorage>();
        services.TryAddSingleton<IMediaStorage>(sp => sp.GetRequiredService<FileSystemMediaStorage>());

        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection("Smtp")).PostConfigure(smtp =>
            smtp.PickupDirectory = Path.GetFullPath(smtp.PickupDirectory is { Length: > 0 } ? smtp.PickupDirectory : Path.Combine(dataFolder, "mail"), contentRoot));
        services.TryAddSingleton<IEmailSender>(sp =>
            string.IsNullOrWhiteSpace(configuration["Smtp:Host"])
                ? ActivatorUtilities.CreateInstance<PickupDirectoryEmailSender>(sp)
                : ActivatorUtilities.CreateInstance<SmtpEmailSender>(sp));
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection("Outbox"));
        services.AddOptions<SiteOptions>().Bind(configuration.GetSection("Site"))
            .Validate(site => site.BaseUrl is { IsAbsoluteUri: true, Scheme: "http" or "https" }, "Site:BaseUrl must be an absolute http or https URL.")
            .ValidateOnStart();
        services.TryAddSingleton<OutboxWakeup>();

        // Hosted services start in this order: the schema exists before the dispatcher reads the outbox.
        services.AddHostedService<DatabaseStartup>();
        services.AddSingleton<OutboxDispatcher>();
        if (configuration.GetValue("Outbox:Enabled", defaultValue: true))
        {
            services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        }

        return services;
    }
}
