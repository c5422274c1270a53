namespace BlogShop.Domain.Email;

/// <summary>One plain-text email.</summary>
public sealed record EmailMessage(string To, string Subject, string Body);

/// <summary>
/// Delivers one email now. Application code does not call this directly: it adds an
/// <see cref="Entities.OutboxEmail"/> row and <see cref="OutboxDispatcher"/> calls the sender after commit.
/// A failed delivery throws (e.g. <see cref="System.Net.Mail.SmtpException"/>); the dispatcher retries it later.
/// </summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
