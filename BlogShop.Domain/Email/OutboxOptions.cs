namespace BlogShop.Domain.Email;

/// <summary>The <c>Outbox</c> section: how <see cref="OutboxDispatcher"/> delivers and retries.</summary>
public sealed class OutboxOptions
{
    /// <summary>Run the dispatcher in this process (turn off in a process that must not send mail).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the outbox is checked when nothing wakes the dispatcher (commits wake it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait after the first failed attempt; it doubles with every further failure.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait between two attempts. Failed mail is retried for ever, never dropped.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a dispatcher holds a row while sending it; another dispatcher may take it over after this
    /// (so it must be longer than an SMTP attempt can take).</summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Rows read per query.</summary>
    public int BatchSize { get; set; } = 20;
}
