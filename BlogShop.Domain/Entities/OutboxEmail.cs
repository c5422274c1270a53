namespace BlogShop.Domain.Entities;

/// <summary>
/// An email waiting for delivery (the transactional outbox). Receivers add rows to the DbContext that is saving, so
/// the email exists exactly when the change that caused it commits; <see cref="Email.OutboxDispatcher"/> delivers it.
/// A failed delivery stays here with <see cref="Attempts"/>, <see cref="LastError"/> and a later
/// <see cref="NextAttemptAt"/>; a delivered one gets <see cref="SentAt"/> and is never sent again; one that cannot be
/// delivered gets <see cref="DeadAt"/> and stays until staff retry it (nothing is deleted).
/// </summary>
public class OutboxEmail
{
    public long Id { get; set; }

    public string To { get; set; } = "";

    public string Subject { get; set; } = "";

    public string Body { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public int Attempts { get; set; }

    /// <summary>Not sent before this time (UTC): retries back off exponentially.</summary>
    public DateTime NextAttemptAt { get; set; }

    /// <summary>A dispatcher holds the row until this time (UTC) while it sends; null when nobody does.</summary>
    public DateTime? ClaimedUntil { get; set; }

    /// <summary>The dispatcher instance holding the claim.</summary>
    public string? ClaimedBy { get; set; }

    public DateTime? SentAt { get; set; }

    /// <summary>
    /// Given up (UTC): a permanent failure, or <see cref="Email.OutboxOptions.MaxAttempts"/> transient ones. A dead row
    /// is not sent until staff retry it.
    /// </summary>
    public DateTime? DeadAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>A new outbox row, due immediately; the subject is made one header line (<see cref="Email.EmailText.Subject"/>).</summary>
    public static OutboxEmail Create(string to, string subject, string body, DateTime utcNow) =>
        new() { To = to, Subject = Email.EmailText.Subject(subject), Body = body, CreatedAt = utcNow, NextAttemptAt = utcNow };
}
