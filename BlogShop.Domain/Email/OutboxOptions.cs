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

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Attempts after which a mail that keeps failing transiently is marked dead (kept, shown to staff, retried by
    /// hand). A permanent failure (5xx, an undeliverable address) is dead after its first attempt.
    /// </summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>How long a dispatcher holds the rows it claimed; another dispatcher may take them over after this
    /// (so it must be longer than a batch can take to send).</summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Rows claimed per statement.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>SMTP connections used side by side in one pass (each carries many messages).</summary>
    public int Parallelism { get; set; } = 8;
}
