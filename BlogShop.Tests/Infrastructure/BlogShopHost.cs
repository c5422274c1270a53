using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace BlogShop.Tests.Infrastructure;

/// <summary>
/// The real site (BlogShop.Web's Program) served by Kestrel on a free loopback port, for a browser to visit.
/// Each host has its own temporary data folder (SQLite database with its data-protection keys, media files), deleted on dispose, so hosts
/// never share state. Mail goes to the SMTP catcher when test.sh started one, else to the pickup folder in the
/// host's data folder.
/// </summary>
public sealed class BlogShopHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings;

    public BlogShopHost(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        DataFolder = Directory.CreateTempSubdirectory("blogshop-host-").FullName;

        // The site keeps its SQLite file, media, and mail pickup folder under DataFolder (see appsettings.json).
        settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["DataFolder"] = DataFolder,
            ["Database:Provider"] = "Sqlite",
            ["Database:LoadDemoData"] = "false",
            ["Smtp:From"] = "BlogShop <noreply@blogshop.test>",

            // The host logs into the test run's console: keep to what explains a failure. "MinimumLevel" itself,
            // not "MinimumLevel:Default": WebApplicationFactory hands settings to Program as command-line arguments,
            // parent sections included with an empty value, and Serilog cannot parse an empty "MinimumLevel". For
            // the same reason the file sink's path is left alone (overriding it would drop the sink): it is relative
            // to the working directory, the test's bin folder.
            ["Serilog:MinimumLevel"] = "Warning",
        };
        if (TestServers.Smtp is not null)
        {
            var (smtpHost, smtpPort) = MailCatcher.SmtpEndpoint();
            settings["Smtp:Host"] = smtpHost;
            settings["Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        // A port chosen before the start, so the site's public address (Site:BaseUrl, the base of every mail link) is
        // this server's: a browser test follows the links of the mail it reads.
        var port = FreePort();
        settings["Site:BaseUrl"] = $"http://127.0.0.1:{port}/";
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        UseKestrel(port);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>This host's temporary folder (SQLite database, media, mail pickup folder).</summary>
    public string DataFolder { get; }

    /// <summary>Where uploaded pictures and covers are stored (the site's default under its data folder).</summary>
    public string MediaFolder => Path.Combine(DataFolder, "media");

    /// <summary>Where mail is written as .eml files when no SMTP catcher runs.</summary>
    public string MailPickupFolder => Path.Combine(DataFolder, "mail");

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
