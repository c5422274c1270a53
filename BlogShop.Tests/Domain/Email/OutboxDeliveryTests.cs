using BlogShop.Domain.Email;
using BlogShop.Domain.Entities;
using BlogShop.Tests.Domain.Infrastructure;
using BlogShop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlogShop.Tests.Domain.Email;

/// <summary>Delivery through a real SMTP catcher (maildev) on loopback.</summary>
public sealed class OutboxDeliveryTests
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(20);

    [SmtpFact]
    public async Task The_welcome_email_is_delivered_after_the_commit_and_marked_sent()
    {
        using var catcher = MailCatcher.FromEnvironment();
        var (smtpHost, smtpPort) = MailCatcher.SmtpEndpoint();
        var address = Unique("welcome");
        await using var host = await DomainHost.StartAsync(DbProvider.Sqlite, Dispatching(smtpHost, smtpPort));

        await using (var scoped = host.OpenDb())
        {
            await using var transaction = await scoped.Db.Database.BeginTransactionAsync();
            scoped.Db.Users.Add(DomainHost.NewUser("welcome", address));
            await scoped.Db.SaveChangesAsync();

            // The poll interval is long: only the commit's wake-up can make the mail go out within the wait below.
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.Empty(await catcher.ForAsync(address));
            await transaction.CommitAsync();
        }

        var mail = Assert.Single(await catcher.WaitForAsync(address, m => m.Count > 0, MailWait));
        Assert.Equal("Welcome to BlogShop", mail.Subject);
        Assert.Contains("Welcome Tester", mail.Text, StringComparison.Ordinal);
        var row = await WaitForSentAsync(host, address);
        Assert.Equal(1, row.Attempts);
        Assert.Null(row.LastError);
    }

    [SmtpFact]
    public async Task Mail_that_failed_while_the_catcher_was_down_is_retried_and_delivered_once()
    {
        using var catcher = MailCatcher.FromEnvironment();
        var (smtpHost, smtpPort) = MailCatcher.SmtpEndpoint();
        await using var forwarder = new TcpForwarder(smtpHost, smtpPort);
        var address = Unique("retry");
        var settings = Dispatching("127.0.0.1", forwarder.Port);
        settings["Outbox:RetryBaseDelay"] = "00:00:00.300";
        await using var host = await DomainHost.StartAsync(DbProvider.Sqlite, settings);

        await host.CreateUserAsync("retry", email: address);

        var failed = await WaitForAsync(host, address, e => e.Attempts >= 1);
        Assert.Null(failed.SentAt);
        Assert.False(string.IsNullOrEmpty(failed.LastError));

        forwarder.Start();
        var sent = await WaitForSentAsync(host, address);
        Assert.True(sent.Attempts >= 2, $"delivered on a retry, attempt {sent.Attempts}");
        Assert.Single(await catcher.WaitForAsync(address, m => m.Count > 0, MailWait));

        // The row is done: more passes never send it again.
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();
        await dispatcher.DispatchDueAsync(CancellationToken.None);
        await Task.Delay(500);
        Assert.Single(await catcher.ForAsync(address));
    }

    [SmtpFact]
    public async Task A_rolled_back_registration_sends_no_mail()
    {
        using var catcher = MailCatcher.FromEnvironment();
        var (smtpHost, smtpPort) = MailCatcher.SmtpEndpoint();
        var address = Unique("rollback");
        await using var host = await DomainHost.StartAsync(DbProvider.Sqlite, Dispatching(smtpHost, smtpPort));

        await using (var scoped = host.OpenDb())
        {
            await using var transaction = await scoped.Db.Database.BeginTransactionAsync();
            scoped.Db.Users.Add(DomainHost.NewUser("rollback", address));
            await scoped.Db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        await host.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
        Assert.Empty(await catcher.ForAsync(address));
        Assert.Empty(await host.OutboxForAsync(address));
    }

    [ProviderTheory(NeedsSmtp = true), OnEveryProvider]
    public async Task Two_dispatchers_on_one_database_deliver_every_mail_exactly_once(DbProvider provider)
    {
        using var catcher = MailCatcher.FromEnvironment();
        var (smtpHost, smtpPort) = MailCatcher.SmtpEndpoint();
        await using var database = await DomainDatabase.CreateAsync(provider);
        var settings = Dispatching(smtpHost, smtpPort);
        await using var first = await DomainHost.StartAsync(database, settings);
        await using var second = await DomainHost.StartAsync(database, settings);
        var run = Guid.NewGuid().ToString("N")[..8];
        var addresses = Enumerable.Range(0, 12).Select(i => $"twice-{run}-{i}@example.test").ToList();

        // Rows committed by both hosts wake both dispatchers, which then race for the same rows.
        for (var i = 0; i < addresses.Count; i++)
        {
            await (i % 2 == 0 ? first : second).CreateUserAsync($"u{run}{i}", email: addresses[i]);
        }

        foreach (var address in addresses)
        {
            await WaitForSentAsync(first, address);
        }

        await Task.Delay(1000);
        var caught = await catcher.GetAllAsync();
        foreach (var address in addresses)
        {
            Assert.Single(caught, m => m.To.Any(t => t.Address == address));
        }
    }

    [ProviderTheory, OnEveryProvider]
    public async Task A_delivery_that_fails_stays_in_the_outbox_with_its_attempts_and_error(DbProvider provider)
    {
        await using var forwarder = new TcpForwarder("127.0.0.1", 9);
        var settings = Dispatching("127.0.0.1", forwarder.Port);
        settings["Outbox:RetryBaseDelay"] = "00:10:00";
        await using var host = await DomainHost.StartAsync(provider, settings);

        await host.CreateUserAsync("down");

        var row = await WaitForAsync(host, "down@example.test", e => e.Attempts == 1);
        Assert.Null(row.SentAt);
        Assert.NotNull(row.LastError);
        Assert.Null(row.ClaimedUntil);
        Assert.InRange(row.NextAttemptAt - DateTime.UtcNow, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
    }

    [ProviderTheory, OnEveryProvider]
    public async Task A_server_that_never_answers_fails_the_attempt_after_the_timeout(DbProvider provider)
    {
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var held = new List<System.Net.Sockets.TcpClient>();
        var accepting = Task.Run(async () =>
        {
            while (true)
            {
                held.Add(await silent.AcceptTcpClientAsync());
            }
        });
        var settings = Dispatching("127.0.0.1", ((System.Net.IPEndPoint)silent.LocalEndpoint).Port);
        settings["Smtp:Timeout"] = "00:00:01";
        settings["Outbox:RetryBaseDelay"] = "00:10:00";
        await using var host = await DomainHost.StartAsync(provider, settings);

        await host.CreateUserAsync("silent");

        var row = await WaitForAsync(host, "silent@example.test", e => e.Attempts == 1);
        Assert.Null(row.SentAt);
        Assert.Contains("timed out", row.LastError, StringComparison.Ordinal);
        silent.Stop();
        held.ForEach(c => c.Dispose());
        await Assert.ThrowsAnyAsync<Exception>(() => accepting);
    }

    [ProviderTheory, OnEveryProvider]
    public async Task Without_an_smtp_host_mail_is_written_as_eml_files_in_the_data_folder(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider, new Dictionary<string, string?> { ["Outbox:Enabled"] = "true", ["Outbox:PollInterval"] = "00:10:00" });

        await host.CreateUserAsync("pickup");

        await WaitForSentAsync(host, "pickup@example.test");
        var file = Assert.Single(Directory.GetFiles(Path.Combine(host.Database.Folder, "mail"), "*.eml"));
        var content = await File.ReadAllTextAsync(file);
        Assert.Contains("To: pickup@example.test", content, StringComparison.Ordinal);
        Assert.Contains("Subject: Welcome to BlogShop", content, StringComparison.Ordinal);
    }

    [Fact]
    public void Retry_delays_double_from_the_base_up_to_the_maximum()
    {
        var settings = new OutboxOptions { RetryBaseDelay = TimeSpan.FromSeconds(10), RetryMaxDelay = TimeSpan.FromMinutes(1) };

        var delays = Enumerable.Range(1, 6).Select(attempt => OutboxDispatcher.RetryDelay(attempt, settings).TotalSeconds);

        Assert.Equal([10, 20, 40, 60, 60, 60], delays);
        Assert.Equal(TimeSpan.FromMinutes(1), OutboxDispatcher.RetryDelay(10_000, settings));
    }

    private static Dictionary<string, string?> Dispatching(string smtpHost, int smtpPort) => new()
    {
        ["Outbox:Enabled"] = "true",
        ["Outbox:PollInterval"] = "00:10:00",
        ["Smtp:Host"] = smtpHost,
        ["Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:Timeout"] = "00:00:05",
    };

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}@example.test";

    private static Task<OutboxEmail> WaitForSentAsync(DomainHost host, string address) =>
        WaitForAsync(host, address, e => e.SentAt is not null);

    private static async Task<OutboxEmail> WaitForAsync(DomainHost host, string address, Func<OutboxEmail, bool> condition)
    {
        var deadline = DateTime.UtcNow + MailWait;
        while (true)
        {
            var row = await host.QueryAsync(db => db.OutboxEmails.AsNoTracking().SingleOrDefaultAsync(e => e.To == address));
            if (row is not null && condition(row))
            {
                return row;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The outbox row for {address} did not reach the expected state (now: attempts {row?.Attempts}, sent {row?.SentAt}, error {row?.LastError}).");
            await Task.Delay(100);
        }
    }
}
