using BlogShop.Domain.Email;
using BlogShop.Domain.Entities;
using BlogShop.Tests.Domain.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlogShop.Tests.Domain.Email;

/// <summary>The claim that keeps two dispatchers from sending one row (with the pickup-folder sender: no server needed).</summary>
/// <remarks>The tests drive the dispatcher themselves, so the host's own loop stays off (<c>Outbox:Enabled</c> false, as
/// DomainHost sets it): its first pass, run at startup, could otherwise claim the test's row while the test's passes
/// skip it as claimed, and the test would read the row before that pass recorded the attempt.</remarks>
public sealed class OutboxClaimTests
{
    [ProviderTheory, OnEveryProvider]
    public async Task A_row_claimed_by_another_dispatcher_waits_until_the_claim_runs_out(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();
        var id = await AddClaimedRowAsync(host, claimedUntil: DateTime.UtcNow.AddHours(1));

        var wait = await dispatcher.DispatchDueAsync(CancellationToken.None);

        Assert.Null((await RowAsync(host, id)).SentAt);
        Assert.NotNull(wait);
        Assert.InRange(wait.Value, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));

        await host.QueryAsync(db => db.OutboxEmails.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedUntil, DateTime.UtcNow.AddSeconds(-1))));
        await dispatcher.DispatchDueAsync(CancellationToken.None);

        var sent = await RowAsync(host, id);
        Assert.NotNull(sent.SentAt);
        Assert.Null(sent.ClaimedBy);
        Assert.Single(Directory.GetFiles(Path.Combine(host.Database.Folder, "mail"), "*.eml"));
    }

    [ProviderTheory, OnEveryProvider]
    public async Task A_sent_row_is_never_sent_again(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();
        var id = await AddClaimedRowAsync(host, claimedUntil: null);

        await dispatcher.DispatchDueAsync(CancellationToken.None);
        await dispatcher.DispatchDueAsync(CancellationToken.None);

        Assert.Equal(1, (await RowAsync(host, id)).Attempts);
        Assert.Single(Directory.GetFiles(Path.Combine(host.Database.Folder, "mail"), "*.eml"));
    }

    private static async Task<long> AddClaimedRowAsync(DomainHost host, DateTime? claimedUntil)
    {
        var email = OutboxEmail.Create("claimed@example.test", "Claimed", "Body", DateTime.UtcNow);
        email.ClaimedUntil = claimedUntil;
        email.ClaimedBy = claimedUntil is null ? null : "another-dispatcher";
        await using var scoped = host.OpenDb();
        scoped.Db.OutboxEmails.Add(email);

        // Without signals: the row is the test's alone, no receiver of its save (the outbox wakeup) runs.
        await scoped.Db.SaveChangesWithoutSignalsAsync();
        return email.Id;
    }

    private static Task<OutboxEmail> RowAsync(DomainHost host, long id) =>
        host.QueryAsync(db => db.OutboxEmails.AsNoTracking().SingleAsync(e => e.Id == id));
}
