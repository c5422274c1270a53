using BlogShop.Domain.Data;
using BlogShop.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlogShop.Domain.Email;

/// <summary>
/// Delivers <see cref="OutboxEmail"/> rows through <see cref="IEmailSender"/>: woken after a commit that added rows
/// (<see cref="OutboxWakeup"/>) and every <see cref="OutboxOptions.PollInterval"/>.
/// </summary>
/// <remarks>
/// Each row is claimed with one conditional UPDATE before it is sent, so two dispatchers (two app instances) never
/// send the same row; a delivered row gets <see cref="OutboxEmail.SentAt"/> and is never picked again. A failed
/// delivery increments <see cref="OutboxEmail.Attempts"/>, records <see cref="OutboxEmail.LastError"/> and is retried
/// after an exponentially growing delay. If the process dies between sending and recording the success, the claim
/// expires and the mail is sent again: delivery is at least once across crashes, exactly once otherwise.
/// These updates use ExecuteUpdate, so they send no model signals.
/// </remarks>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IEmailSender sender,
    OutboxWakeup wakeup,
    TimeProvider time,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(50);

    private readonly string instance = $"{Environment.MachineName}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = settings.PollInterval;
            try
            {
                var next = await DispatchDueAsync(stoppingToken).ConfigureAwait(false);
                if (next is { } untilNext && untilNext < wait)
                {
                    wait = untilNext;
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database may be unreachable for a moment: log it and look again at the next poll.
                LogPassFailed(ex);
            }

            try
            {
                await wakeup.WaitAsync(wait, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Sends every row that is due now. Returns how long until the next unsent row becomes due (null when none is
    /// waiting), so the caller can sleep exactly that long.
    /// </summary>
    internal async Task<TimeSpan?> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<BlogShopDbContext>();

            // Each row is tried at most once per pass, even when it fails and its retry is already due again.
            var tried = new HashSet<long>();
            while (true)
            {
                var now = time.GetUtcNow().UtcDateTime;
                var due = await db.OutboxEmails.AsNoTracking()
                    .Where(e => e.SentAt == null && e.NextAttemptAt <= now && (e.ClaimedUntil == null || e.ClaimedUntil < now))
                    .Where(e => !tried.Contains(e.Id))
                    .OrderBy(e => e.Id)
                    .Take(settings.BatchSize)
                    .ToListAsync(cancellationToken).ConfigureAwait(false);
                if (due.Count == 0)
                {
                    break;
                }

                foreach (var email in due)
                {
                    tried.Add(email.Id);
                    await DeliverAsync(db, email, cancellationToken).ConfigureAwait(false);
                }
            }

            // A row another dispatcher holds is due again only when its claim runs out.
            var nextDue = await db.OutboxEmails.AsNoTracking()
                .Where(e => e.SentAt == null)
                .Select(e => (DateTime?)(e.ClaimedUntil != null && e.ClaimedUntil > e.NextAttemptAt ? e.ClaimedUntil.Value : e.NextAttemptAt))
                .OrderBy(at => at)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (nextDue is not { } next)
            {
                return null;
            }

            // Never less than a short pause, so a row that keeps failing at once cannot make the loop spin.
            var untilNext = next - time.GetUtcNow().UtcDateTime;
            return untilNext > MinimumWait ? untilNext : MinimumWait;
        }
    }

    private async Task DeliverAsync(BlogShopDbContext db, OutboxEmail email, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var claimedUntil = now + settings.ClaimDuration;
        var claimed = await db.OutboxEmails
            .Where(e => e.Id == email.Id && e.SentAt == null && (e.ClaimedUntil == null || e.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedUntil, claimedUntil).SetProperty(e => e.ClaimedBy, instance), cancellationToken)
            .ConfigureAwait(false);
        if (claimed == 0)
        {
            return; // Another dispatcher took it (or sent it) since we read it.
        }

        var attempts = email.Attempts + 1;
        try
        {
            await sender.SendAsync(new EmailMessage(email.To, email.Subject, email.Body), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host is stopping: give the row back at once rather than leaving it claimed until the claim runs out.
            await db.OutboxEmails
                .Where(e => e.Id == email.Id && e.ClaimedBy == instance)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedUntil, (DateTime?)null).SetProperty(e => e.ClaimedBy, (string?)null), CancellationToken.None)
                .ConfigureAwait(false);
            throw;
        }
        catch (Exception ex)
        {
            var retryAt = time.GetUtcNow().UtcDateTime + RetryDelay(attempts, settings);
            var error = ex.GetBaseException().Message;
            if (error.Length > 2000)
            {
                error = error[..2000];
            }

            // CancellationToken.None: the failure must be recorded even while the host stops.
            await db.OutboxEmails
                .Where(e => e.Id == email.Id && e.ClaimedBy == instance)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(e => e.Attempts, attempts).SetProperty(e => e.LastError, error)
                        .SetProperty(e => e.NextAttemptAt, retryAt).SetProperty(e => e.ClaimedUntil, (DateTime?)null)
                        .SetProperty(e => e.ClaimedBy, (string?)null),
                    CancellationToken.None)
                .ConfigureAwait(false);
            LogDeliveryFailed(ex, email.Id, email.To, attempts, retryAt);
            return;
        }

        var sentAt = time.GetUtcNow().UtcDateTime;
        await db.OutboxEmails
            .Where(e => e.Id == email.Id && e.ClaimedBy == instance)
            .ExecuteUpdateAsync(
                s => s.SetProperty(e => e.SentAt, sentAt).SetProperty(e => e.Attempts, attempts)
                    .SetProperty(e => e.LastError, (string?)null).SetProperty(e => e.ClaimedUntil, (DateTime?)null)
                    .SetProperty(e => e.ClaimedBy, (string?)null),
                CancellationToken.None)
            .ConfigureAwait(false);
        LogDelivered(email.Id, email.To, attempts);
    }

    internal static TimeSpan RetryDelay(int attempts, OutboxOptions settings)
    {
        var factor = Math.Pow(2, Math.Min(attempts - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(settings.RetryBaseDelay.Ticks * factor, settings.RetryMaxDelay.Ticks));
        return delay < settings.RetryMaxDelay ? delay : settings.RetryMaxDelay;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox email {EmailId} to {To} delivered (attempt {Attempts})")]
    private partial void LogDelivered(long emailId, string to, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox email {EmailId} to {To} failed on attempt {Attempts}; next attempt at {RetryAt:O}")]
    private partial void LogDeliveryFailed(Exception exception, long emailId, string to, int attempts, DateTime retryAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox could not be read; trying again at the next poll")]
    private partial void LogPassFailed(Exception exception);
}
