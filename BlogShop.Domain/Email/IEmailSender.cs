namespace BlogShop.Domain.Email;

/// <summary>One email: plain text, from which the sender also makes the HTML part.</summary>
public sealed record EmailMessage(string To, string Subject, string Body);

/// <summary>
/// Delivers email. Application code does not call this directly: it adds an <see cref="Entities.OutboxEmail"/> row
/// and <see cref="OutboxDispatcher"/> opens sessions after the commit.
/// </summary>
public interface IEmailSender
{
    /// <summary>
    /// Opens a session: for SMTP one connection, authenticated when a user name is configured, used for many
    /// messages. Throws when the server cannot be reached or refuses the login (a <see cref="TimeoutException"/>
    /// when it does not answer within <c>Smtp:Timeout</c>): a transient failure for every message of the session.
    /// </summary>
    Task<IEmailSession> OpenAsync(CancellationToken cancellationToken);
}

/// <summary>One open connection to the mail server. Not thread-safe: one message at a time.</summary>
public interface IEmailSession : IAsyncDisposable
{
    /// <summary>
    /// Delivers one message. Throws <see cref="EmailDeliveryException"/> with <c>IsPermanent</c> when this message can
    /// never be delivered (an address MimeKit cannot parse, a 5xx answer to its recipient or its content); any other
    /// exception is transient (the connection broke, a 4xx answer, a timeout) and the session reconnects on the next
    /// message.
    /// </summary>
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>A delivery failure that says whether trying again can help.</summary>
public sealed class EmailDeliveryException : Exception
{
    public EmailDeliveryException()
    {
    }

    public EmailDeliveryException(string message)
        : base(message)
    {
    }

    public EmailDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public EmailDeliveryException(string message, bool isPermanent, Exception? innerException = null)
        : base(message, innerException) => IsPermanent = isPermanent;

    /// <summary>This message will fail the same way every time: the outbox marks it dead at once.</summary>
    public bool IsPermanent { get; }
}
