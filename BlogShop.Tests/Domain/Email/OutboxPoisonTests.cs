using BlogShop.Domain.Email;
using BlogShop.Domain.Entities;
using BlogShop.Tests.Domain.Infrastructure;
using BlogShop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlogShop.Tests.Domain.Email;

/// <summary>
/// Mail that can never go out ends dead, at once or after the attempt limit, and stays in the table; mail that only
/// looked poisonous (a subject with a line break) is delivered.
/// </summary>
public sealed class OutboxPoisonTests
{
    [ProviderTheory(NeedsSmtp = true), OnEveryProvider]
    public async Task An_undeliverable_address_is_dead_after_one_attempt_and_the_rest_of_the_batch_is_delivered(DbProvider provider)
    {
        using var catcher = MailCatcher.FromEnvironment();
        var (smtpHost, smtpPort) = MailCatcher.SmtpEndpoint();
        await using var host = await DomainHost.StartAsync(provider, Sending(smtpHost, smtpPort));
        var good = $"good-{Guid.NewGuid():N}@example.test";
        var bad = new[] { "a..b@x.org", "semi;x@y.org", "lt<x>@y.org" };
        await AddAsync(host, [.. bad, good]);

        await host.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);

        var rows = await host.QueryAsync(db => db.OutboxEmails.AsNoTracking().OrderBy(e => e.Id).ToListAsync());
        Assert.All(rows.Where(r => bad.Contains(r.To)), r =>
        {
            Assert.NotNull(r.DeadAt);
            Assert.Null(r.SentAt);
            Assert.Equal(1, r.Attempts);
            Assert.Contains("not a deliverable email address", r.LastError, StringComparison.Ordinal);
        });
        Assert.NotNull(Assert.Single(rows, r => r.To == good).SentAt);
        Assert.Single(await catcher.ForAsync(good));

        // Dead rows are not picked again.
        await host.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
        Assert.All(await host.QueryAsync(db => db.OutboxEmails.AsNoTracking().Where(e => bad.Contains(e.To)).ToListAsync()), r => Assert.Equal(1, r.Attempts));
    }

    [ProviderTheory, OnEveryProvider]
    public async Task A_5xx_refusal_is_dead_at_once_and_one_connection_carries_the_whole_batch(DbProvider provider)
    {
        await using var server = new RefusingSmtpServer("550 5.1.1 No such user here");
        var settings = Sending("127.0.0.1", server.Port);
        settings["Outbox:Parallelism"] = "1";
        await using var host = await DomainHost.StartAsync(provider, settings);
        await AddAsync(host, Enumerable.Range(0, 5).Select(i => $"nobody{i}@example.test").ToArray());

        await host.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);

        var rows = await host.QueryAsync(db => db.OutboxEmails.AsNoTracking().ToListAsync());
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.NotNull(r.DeadAt);
            Assert.Equal(1, r.Attempts);
            Assert.Contains("550", r.LastError, StringComparison.Ordinal);
        });
        Assert.Equal(1, server.Connections);
    }

    [ProviderTheory, OnEveryProvider]
    public async Task A_4xx_refusal_is_retried_with_backoff_until_the_attempt_limit_then_dead(DbProvider provider)
    {
        await using var server = new RefusingSmtpServer("451 4.3.0 Try again later");
        var settings = Sending("127.0.0.1", server.Port);
        settings["Outbox:MaxAttempts"] = "3";
        settings["Outbox:RetryBaseDelay"] = "00:00:00.100";
        await using var host = await DomainHost.StartAsync(provider, settings);
        await AddAsync(host, ["later@example.test"]);
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();

        var states = new List<(int Attempts, bool Dead)>();
        for (var pass = 0; pass < 4; pass++)
        {
            await dispatcher.DispatchDueAsync(CancellationToken.None);
            var row = await host.QueryAsync(db => db.OutboxEmails.AsNoTracking().SingleAsync());
            states.Add((row.Attempts, row.DeadAt is not null));
            await Task.Delay(500);
        }

        Assert.Equal([(1, false), (2, false), (3, true), (3, true)], states);
    }

    [ProviderTheory(NeedsSmtp = true), OnEveryProvider]
    public async Task A_subject_with_a_line_break_is_delivered_on_one_line(DbProvider provider)
    {
        using var catcher = MailCatcher.FromEnvironment();
        var (smtpHost, smtpPort) = MailCatcher.SmtpEndpoint();
        await using var host = await DomainHost.StartAsync(provider, Sending(smtpHost, smtpPort));
        var to = $"subject-{Guid.NewGuid():N}@example.test";
        await using (var scoped = host.OpenDb())
        {
            scoped.Db.OutboxEmails.Add(OutboxEmail.Create(to, "New comment on 'First\r\nSecond'", "Body", DateTime.UtcNow));
            await scoped.Db.SaveChangesAsync();
        }

        await host.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);

        var mail = Assert.Single(await catcher.ForAsync(to));
        Assert.Equal("New comment on 'First Second'", mail.Subject);
        Assert.NotNull((await host.OutboxForAsync(to))[0].SentAt);
    }

    private static async Task AddAsync(DomainHost host, string[] addresses)
    {
        await using var scoped = host.OpenDb();
        foreach (var address in addresses)
        {
            scoped.Db.OutboxEmails.Add(OutboxEmail.Create(address, "Hello", "Body", DateTime.UtcNow));
        }

        await scoped.Db.SaveChangesAsync();
    }

    /// <summary>The dispatcher is driven by the test (DispatchDueAsync), not by the background loop.</summary>
    private static Dictionary<string, string?> Sending(string smtpHost, int smtpPort) => new()
    {
        ["Smtp:Host"] = smtpHost,
        ["Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:Timeout"] = "00:00:05",
        ["Outbox:RetryBaseDelay"] = "00:10:00",
    };
}
