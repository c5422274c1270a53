using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace BlogShop.Tests.Infrastructure;

/// <summary>
/// The real site (BlogShop.Web's Program) served by Kestrel on a free loopback port, for a browser to visit.
/// Each host has its own temporary folder holding its SQLite database and media files, deleted on dispose, so hosts
/// never share state. Mail goes to the SMTP catcher when test.sh started one, else to a pickup folder in the host's
/// temporary folder.
/// </summary>
public sealed class BlogShopHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings;

    public BlogShopHost(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        DataFolder = Directory.CreateTempSubdirectory("blogshop-host-").FullName;
        MediaFolder = Path.Combine(DataFolder, "media");
        MailPickupFolder = Path.Combine(DataFolder, "mail");
        Directory.CreateDirectory(MediaFolder);
        Directory.CreateDirectory(MailPickupFolder);
        DatabasePath = Path.Combine(DataFolder, "blogshop.db");

        settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Sqlite"] = $"Data Source={DatabasePath}",
            ["ConnectionStrings:BlogShop"] = $"Data Source={DatabasePath}",
            ["Media:Root"] = MediaFolder,
            ["Seed:DemoData"] = "false",
            ["Smtp:PickupDirectory"] = MailPickupFolder,
            ["Smtp:From"] = "BlogShop <noreply@blogshop.test>",
            // The host logs into the test run's console: keep to what explains a failure.
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore.HttpsPolicy"] = "Error",
        };
        if (MailCatcher.SmtpEndpoint() is { } smtp)
        {
            settings["Smtp:Host"] = smtp.Host;
            settings["Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["Smtp:PickupDirectory"] = null;
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        UseKestrel(0);
    }

    /// <summary>This host's temporary folder (database, media, mail pickup).</summary>
    public string DataFolder { get; }

    public string MediaFolder { get; }

    public string DatabasePath { get; }

    /// <summary>Where mail is written when no SMTP catcher runs.</summary>
    public string MailPickupFolder { get; }

    /// <summary>The settings this host runs with (after overrides).</summary>
    public IReadOnlyDictionary<string, string?> Settings => settings;

    /// <summary>Starts the server (once) and returns its address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("Kestrel reported no http address.");
        return new Uri(address.Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://localhost", "://127.0.0.1", StringComparison.Ordinal));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open must not fail the test; the OS temp cleaner removes the folder later.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }

        GC.SuppressFinalize(this);
    }
}
