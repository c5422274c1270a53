using System.Net;
using BlogShop.Tests.Domain.Infrastructure;
using BlogShop.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Tests.Web.EndToEnd;

/// <summary>One instance of the site behind a load balancer, on a database shared with others, sending to the catcher.</summary>
internal sealed class SharedDatabaseBlogShopFactory(DomainDatabase database) : BlogShopFactory
{
    protected override void ConfigureMore(IWebHostBuilder builder)
    {
        foreach (var (key, value) in database.Settings())
        {
            builder.UseSetting(key, value);
        }

        var (host, port) = MailCatcher.SmtpEndpoint();
        builder.UseSetting("Smtp:Host", host);
        builder.UseSetting("Smtp:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// Two hosts of the site, each with its own data folder, on one database (PostgreSQL, as in production; SQLite and SQL
/// Server too): a login cookie one issues is accepted by the other (data-protection keys in the database, one
/// application name), and every mail either queues goes out once.
/// </summary>
public sealed class TwoInstancesTests
{
    private const string AuthCookie = ".AspNetCore.Identity.Application";

    [ProviderTheory(NeedsSmtp = true), OnEveryProvider]
    public async Task A_login_cookie_from_one_instance_is_accepted_by_the_other_and_each_mail_is_sent_once(DbProvider provider)
    {
        await using var database = await DomainDatabase.CreateAsync(provider);
        using var first = new SharedDatabaseBlogShopFactory(database);
        using var second = new SharedDatabaseBlogShopFactory(database);
        using var catcher = MailCatcher.FromEnvironment();
        var run = Guid.NewGuid().ToString("N")[..8];

        using var session = first.NewSession();
        using var registered = await session.SubmitAsync("/account/register", "/account/register", WebSession.Fields(
            ("FirstName", "Two"), ("LastName", "Hosts"), ("UserName", $"both{run}"), ("Email", $"both{run}@example.com"),
            ("Password", WebSession.Password), ("ConfirmPassword", WebSession.Password)));
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var cookie = registered.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AuthCookie + "=", StringComparison.Ordinal)).Split(';')[0];

        using var other = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/profile", UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        using var profile = await other.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        Assert.Contains("Two Hosts", await profile.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Users registered on either instance: both dispatchers are awake and race for the same rows.
        var names = Enumerable.Range(0, 10).Select(i => $"u{run}{i}").ToList();
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
        {
            using var visitor = (i % 2 == 0 ? first : second).NewSession();
            await visitor.RegisterAsync(name);
        }

        var addresses = names.Append($"both{run}").Select(n => $"{n}@example.com").ToList();
        // Registering also queues the email confirmation: the welcome mail stands for every mail here.
        const string Welcome = "Welcome to BlogShop";
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await first.WithDbAsync(db => db.OutboxEmails.CountAsync(e => addresses.Contains(e.To) && e.Subject == Welcome && e.SentAt != null)) < addresses.Count)
        {
            Assert.True(DateTime.UtcNow < deadline, "The welcome mails were not all sent within 30 seconds.");
            await Task.Delay(100);
        }

        await Task.Delay(1000);
        var caught = await catcher.GetAllAsync();
        Assert.All(addresses, address => Assert.Single(caught, m => m.Subject == Welcome && m.To.Any(t => t.Address == address)));
        Assert.Equal(addresses.Count, await first.WithDbAsync(db => db.OutboxEmails.CountAsync(e => addresses.Contains(e.To) && e.Subject == Welcome)));
    }
}
