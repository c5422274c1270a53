using System.Diagnostics;
using System.Linq.Expressions;
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
/// A pass claims due rows in batches (<see cref="OutboxOptions.BatchSize"/>) with one conditional UPDATE per batch
/// under a claim token of its own, so two dispatchers (two app instances) never send the same row. The batch is sent
/// over <see cref="OutboxOptions.Parallelism"/> sessions (SMTP connections) that stay open for the whole pass, and the
/// outcome is recorded per batch: delivered rows get <see cref="OutboxEmail.SentAt"/> in one UPDATE and are never
/// picked again. A transient failure increments <see cref="OutboxEmail.Attempts"/>, records
/// <see cref="OutboxEmail.LastError"/> and retries after an exponentially growing delay, until
/// <see cref="OutboxOptions.MaxAttempts"/>; a permanent one (<see cref="EmailDeliveryException.IsPermanent"/>) and the
/// last allowed attempt set <see cref="OutboxEmail.DeadAt"/>: the row stays for staff to see and retry. If the process
/// dies between sending and recording, the claim expires and the mail is sent again: delivery is at least once across
/// crashes, exactly once otherwise. These updates use ExecuteUpdate, so they send no model signals.
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

    /// <summary>Names this dispatcher in <see cref="OutboxEmail.ClaimedBy"/>; each batch adds a token of its own.</summary>
    private readonly string instance = Environment.MachineName.Length > 30 ? Environment.MachineName[..30] : Environment.MachineName;

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
    /// Sends every row that is due now. Returns how long until the next living unsent row becomes due (null when none
    /// is waiting), so the caller can sleep exactly that long.
    /// </summary>
    internal async Task<TimeSpan?> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<BlogShopDbContext>();
            var started = Stopwatch.GetTimestamp();
            var totals = new PassTotals();
            var sessions = new SessionPool(sender, Math.Max(1, settings.Parallelism));
            await using (sessions.ConfigureAwait(false))
            {
                // Ids only grow: each row is tried at most once per pass, even when its retry is due again at once.
                var after = 0L;
                while (!cancellationToken.IsCancellationRequested)
                {
                    var (batch, token, last) = await ClaimBatchAsync(db, after, cancellationToken).ConfigureAwait(false);
                    if (last is not { } lastId)
                    {
                        break;
                    }

                    after = lastId;
                    if (batch.Count == 0)
                    {
                        continue; // Another dispatcher claimed these first.
                    }

                    var outcomes = await sessions.SendAsync(batch, cancellationToken).ConfigureAwait(false);
                    await RecordAsync(db, token, batch, outcomes, totals).ConfigureAwait(false);
                }
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            if (totals.Sent + totals.Failed > 0)
            {
                LogPass(totals.Sent, totals.Failed, totals.Dead, elapsed.TotalMilliseconds);
            }

            cancellationToken.ThrowIfCancellationRequested();

            // A row another dispatcher holds is due again only when its claim runs out.
            var nextDue = await db.OutboxEmails.AsNoTracking()
                .Where(e => e.SentAt == null && e.DeadAt == null)
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

    /// <summary>
    /// Claims up to a batch of due rows after <paramref name="after"/>: the ids are read, then one UPDATE takes those
    /// still due under a new token (re-checked by the database on each row, so a row is claimed by one dispatcher
    /// only), and the rows that carry the token are read back. <c>Last</c> is null when no row was due.
    /// </summary>
    private async Task<(List<OutboxEmail> Batch, string Token, long? Last)> ClaimBatchAsync(BlogShopDbContext db, long after, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var candidates = await db.OutboxEmails.AsNoTracking()
            .Where(Due(now)).Where(e => e.Id > after)
            .OrderBy(e => e.Id).Take(Math.Max(1, settings.BatchSize)).Select(e => e.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (candidates.Count == 0)
        {
            return ([], "", null);
        }

        var token = $"{instance}/{Guid.NewGuid():N}";
        var claimedUntil = now + settings.ClaimDuration;
        var claimed = await db.OutboxEmails
            .Where(e => candidates.Contains(e.Id)).Where(Due(now))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedUntil, claimedUntil).SetProperty(e => e.ClaimedBy, token), cancellationToken)
            .ConfigureAwait(false);
        var batch = claimed == 0
            ? []
            : await db.OutboxEmails.AsNoTracking()
                .Where(e => candidates.Contains(e.Id) && e.ClaimedBy == token).OrderBy(e => e.Id)
                .ToListAsync(CancellationToken.None).ConfigureAwait(false);
        return (batch, token, candidates[^1]);
    }

    private static Expression<Func<OutboxEmail, bool>> Due(DateTime now) =>
        e => e.SentAt == null && e.DeadAt == null && e.NextAttemptAt <= now && (e.ClaimedUntil == null || e.ClaimedUntil < now);

    /// <summary>
    /// Writes a batch's outcome (with CancellationToken.None: it must be recorded even while the host stops): the
    /// delivered rows in one UPDATE, each failure on its own, and rows never tried (the host is stopping) released.
    /// </summary>
    private async Task RecordAsync(BlogShopDbContext db, string token, List<OutboxEmail> batch, Outcome[] outcomes, PassTotals totals)
    {
        var settings = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var sent = new List<long>(batch.Count);
        var untried = new List<long>();
        for (var i = 0; i < batch.Count; i++)
        {
            var email = batch[i];
            switch (outcomes[i])
            {
                case { Tried: false }:
                    untried.Add(email.Id);
                    break;
                case { Error: null }:
                    sent.Add(email.Id);
                    LogDelivered(email.Id, email.To, email.Attempts + 1);
                    break;
                case { Error: { } error }:
                    await RecordFailureAsync(db, token, email, error, settings, now).ConfigureAwait(false);
                    totals.Failed++;
                    totals.Dead += IsDead(error, email.Attempts + 1, settings) ? 1 : 0;
                    break;
            }
        }

        if (sent.Count > 0)
        {
            await db.OutboxEmails
                .Where(e => sent.Contains(e.Id) && e.ClaimedBy == token)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(e => e.SentAt, now).SetProperty(e => e.Attempts, e => e.Attempts + 1)
                        .SetProperty(e => e.LastError, (string?)null).SetProperty(e => e.ClaimedUntil, (DateTime?)null)
                        .SetProperty(e => e.ClaimedBy, (string?)null),
                    CancellationToken.None)
                .ConfigureAwait(false);
            totals.Sent += sent.Count;
        }

        if (untried.Count > 0)
        {
            // The host is stopping: give the rows back at once rather than leaving them claimed until the claim runs out.
            await db.OutboxEmails
                .Where(e => untried.Contains(e.Id) && e.ClaimedBy == token)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedUntil, (DateTime?)null).SetProperty(e => e.ClaimedBy, (string?)null), CancellationToken.None)
                .ConfigureAwait(false);
        }
    }

    private async Task RecordFailureAsync(BlogShopDbContext db, string token, OutboxEmail email, Exception exception, OutboxOptions settings, DateTime now)
    {
        var attempts = email.Attempts + 1;
        var dead = IsDead(exception, attempts, settings);
        var retryAt = now + RetryDelay(attempts, settings);
        // Our own exceptions say what happened; MailKit's and the network's say it best at the bottom.
        var error = exception is EmailDeliveryException or TimeoutException ? exception.Message : exception.GetBaseException().Message;
        error = error.Length > 2000 ? error[..2000] : error;
        DateTime? deadAt = dead ? now : null;
        await db.OutboxEmails
            .Where(e => e.Id == email.Id && e.ClaimedBy == token)
            .ExecuteUpdateAsync(
                s => s.SetProperty(e => e.Attempts, attempts).SetProperty(e => e.LastError, error)
                    .SetProperty(e => e.NextAttemptAt, retryAt).SetProperty(e => e.DeadAt, deadAt)
                    .SetProperty(e => e.ClaimedUntil, (DateTime?)null).SetProperty(e => e.ClaimedBy, (string?)null),
                CancellationToken.None)
            .ConfigureAwait(false);
        if (dead)
        {
            LogDead(exception, email.Id, email.To, attempts);
        }
        else
        {
            LogDeliveryFailed(exception, email.Id, email.To, attempts, retryAt);
        }
    }

    private static bool IsDead(Exception exception, int attempts, OutboxOptions settings) =>
        exception is EmailDeliveryException { IsPermanent: true } || attempts >= Math.Max(1, settings.MaxAttempts);

    internal static TimeSpan RetryDelay(int attempts, OutboxOptions settings)
    {
        var factor = Math.Pow(2, Math.Min(attempts - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(settings.RetryBaseDelay.Ticks * factor, settings.RetryMaxDelay.Ticks));
        return delay < settings.RetryMaxDelay ? delay : settings.RetryMaxDelay;
    }

    /// <summary>What happened to one row of a batch: not tried (the host stopped first), delivered, or failed.</summary>
    private readonly record struct Outcome(bool Tried, Exception? Error);

    private sealed class PassTotals
    {
        public int Sent { get; set; }

        public int Failed { get; set; }

        public int Dead { get; set; }
    }

    /// <summary>
    /// The pass's sessions, opened when first needed and kept until the pass ends; a session that failed other than
    /// by a refused message is dropped and reopened for the next message.
    /// </summary>
    private sealed class SessionPool(IEmailSender sender, int size) : IAsyncDisposable
    {
        private readonly IEmailSession?[] sessions = new IEmailSession?[size];

        /// <summary>Sends the batch over the sessions side by side, each taking every size-th row in order.</summary>
        public async Task<Outcome[]> SendAsync(List<OutboxEmail> batch, CancellationToken cancellationToken)
        {
            var outcomes = new Outcome[batch.Count];
            var lanes = Math.Min(size, batch.Count);
            await Task.WhenAll(Enumerable.Range(0, lanes).Select(lane => Task.Run(() => SendLaneAsync(lane, lanes, batch, outcomes, cancellationToken), CancellationToken.None)))
                .ConfigureAwait(false);
            return outcomes;
        }

        private async Task SendLaneAsync(int lane, int lanes, List<OutboxEmail> batch, Outcome[] outcomes, CancellationToken cancellationToken)
        {
            for (var i = lane; i < batch.Count && !cancellationToken.IsCancellationRequested; i += lanes)
            {
                var email = batch[i];
                if (sessions[lane] is null)
                {
                    try
                    {
                        sessions[lane] = await sender.OpenAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                    {
                        // The server cannot be reached: every row of this lane fails the same way, without waiting again.
                        for (var j = i; j < batch.Count; j += lanes)
                        {
                            outcomes[j] = new Outcome(true, ex);
                        }

                        return;
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }

                try
                {
                    await sessions[lane]!.SendAsync(new EmailMessage(email.To, email.Subject, email.Body), cancellationToken).ConfigureAwait(false);
                    outcomes[i] = new Outcome(true, null);
                }
                catch (EmailDeliveryException ex) when (ex.IsPermanent)
                {
                    outcomes[i] = new Outcome(true, ex);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Stopping mid-message: the server may or may not have it; the row is released and sent again later.
                    return;
                }
                catch (Exception ex)
                {
                    outcomes[i] = new Outcome(true, ex);
                    var broken = sessions[lane];
                    sessions[lane] = null;
                    await broken!.DisposeAsync().ConfigureAwait(false);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var session in sessions)
            {
                if (session is not null)
                {
                    await session.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbox email {EmailId} to {To} delivered (attempt {Attempts})")]
    private partial void LogDelivered(long emailId, string to, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox pass: {Sent} delivered, {Failed} failed ({Dead} dead) in {ElapsedMs:0} ms")]
    private partial void LogPass(int sent, int failed, int dead, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox email {EmailId} to {To} failed on attempt {Attempts}; next attempt at {RetryAt:O}")]
    private partial void LogDeliveryFailed(Exception exception, long emailId, string to, int attempts, DateTime retryAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox email {EmailId} to {To} is dead after {Attempts} attempt(s): kept for staff to retry")]
    private partial void LogDead(Exception exception, long emailId, string to, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox could not be read; trying again at the next poll")]
    private partial void LogPassFailed(Exception exception);
}
