using BlogShop.Domain.Data;
using BlogShop.Signals;
using BlogShop.Signals.AspNetCore;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlogShop.Tests.Web.EndToEnd;

/// <summary>
/// The real site on a TestServer, with its own data folder (SQLite file, media, captured mail) in a temp
/// directory that is deleted with the factory. Serilog's file sink keeps its configured relative path (the test's
/// output folder, App_Data/logs). Environment "Testing": the production error page, no demo data.
/// </summary>
public class BlogShopFactory : WebApplicationFactory<Program>
{
    public BlogShopFactory()
    {
        DataFolder = Directory.CreateTempSubdirectory("blogshop-web-").FullName;
    }

    public string DataFolder { get; }

    public string MediaRoot => Path.Combine(DataFolder, "media");

    public string MailFolder => Path.Combine(DataFolder, "mail");

    /// <summary>Posting comments and reactions: permits per minute per user.</summary>
    protected virtual int InteractionsPermitLimit => 1000;

    protected virtual string Environment => "Testing";

    /// <summary>
    /// The suite logs in and registers from one address hundreds of times: the sign-in rate limits are lifted unless a
    /// factory tests them (SignInRateLimitTests, with the shipped values).
    /// </summary>
    protected virtual bool LiftSignInRateLimits => true;

    public WebSignals Signals => Services.GetRequiredService<WebSignals>();

    /// <summary>Runs <paramref name="work"/> with a DbContext of the site's database.</summary>
    public async Task<T> WithDbAsync<T>(Func<BlogShopDbContext, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<BlogShopDbContext>());
    }

    public WebSession NewSession() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment(Environment);
        builder.UseSetting("DataFolder", DataFolder);
        builder.UseSetting("Database:LoadDemoData", "false");
        builder.UseSetting("RateLimiting:Interactions:PermitLimit", InteractionsPermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Outbox:PollInterval", "00:00:01");
        if (LiftSignInRateLimits)
        {
            foreach (var form in new[] { "Login", "Registration", "ForgotPassword" })
            {
                builder.UseSetting($"RateLimiting:{form}:PermitLimit", "1000000");
                builder.UseSetting($"RateLimiting:{form}:AccountPermitLimit", "1000000");
            }
        }

        ConfigureMore(builder);
        builder.ConfigureServices(services => services.AddControllers().AddApplicationPart(typeof(BlogShopFactory).Assembly));
    }

    /// <summary>More settings of a variant of the site.</summary>
    protected virtual void ConfigureMore(IWebHostBuilder builder)
    {
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            // SQLite pools connections: release the file before deleting the folder.
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataFolder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a background thread: the temp folder is cleaned by the OS later.
            }
        }
    }
}

/// <summary>A factory whose interaction rate limit is low enough to reach in a test.</summary>
public sealed class RateLimitedBlogShopFactory : BlogShopFactory
{
    public const int Limit = 3;

    protected override int InteractionsPermitLimit => Limit;
}

/// <summary>The site as <c>dotnet run</c> starts it (Development: mailbox and signals pages open), without demo data.</summary>
public sealed class DevelopmentBlogShopFactory : BlogShopFactory
{
    protected override string Environment => "Development";
}

/// <summary>The site delivering mail to the SMTP catcher test.sh starts (read only when a test runs).</summary>
public sealed class SmtpBlogShopFactory : BlogShopFactory
{
    protected override void ConfigureMore(IWebHostBuilder builder)
    {
        var (host, port) = Infrastructure.MailCatcher.SmtpEndpoint();
        builder.UseSetting("Smtp:Host", host);
        builder.UseSetting("Smtp:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>Helpers for reading the database in assertions.</summary>
internal static class DbQueries
{
    public static Task<T?> SingleOrDefaultAsync<T>(this BlogShopFactory factory, Func<BlogShopDbContext, IQueryable<T>> query) =>
        factory.WithDbAsync(db => query(db).SingleOrDefaultAsync());

    public static Task<List<T>> ListAsync<T>(this BlogShopFactory factory, Func<BlogShopDbContext, IQueryable<T>> query) =>
        factory.WithDbAsync(db => query(db).ToListAsync());
}

/// <summary>
/// The site on its own PostgreSQL database (created before the host starts, dropped with the factory). Without a
/// PostgreSQL server nothing is created: the tests using it skip (see <see cref="Infrastructure.IPostgresTests"/>).
/// </summary>
public sealed class PostgresBlogShopFactory : BlogShopFactory, IAsyncLifetime
{
    private readonly Infrastructure.PostgresTestDatabase _database = new();

    public async Task InitializeAsync()
    {
        if (Infrastructure.TestServers.Postgres is not null)
        {
            await _database.CreateAsync();
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _database.DisposeAsync();
    }

    protected override void ConfigureMore(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:Provider", "Postgres");
        builder.UseSetting("ConnectionStrings:Postgres", _database.ConnectionString);
    }
}

/// <summary>The production-like site ("Testing") with the Signals page switched on (<c>Diagnostics:RecordSignals</c>).</summary>
public sealed class SignalsEnabledBlogShopFactory : BlogShopFactory
{
    protected override void ConfigureMore(IWebHostBuilder builder) => builder.UseSetting("Diagnostics:RecordSignals", "true");
}
