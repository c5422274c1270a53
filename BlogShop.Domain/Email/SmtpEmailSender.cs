using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace BlogShop.Domain.Email;

/// <summary>Sends through an SMTP server with <see cref="SmtpClient"/> (one client per message: it is not thread-safe).</summary>
internal sealed class SmtpEmailSender(IOptions<SmtpOptions> options) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        using var client = new SmtpClient(settings.Host, settings.Port)
        {
            EnableSsl = settings.EnableSsl,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            Timeout = (int)settings.Timeout.TotalMilliseconds,
        };
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            client.Credentials = new NetworkCredential(settings.UserName, settings.Password);
        }

        using var mail = MailMessages.Create(settings.From, message);
        await client.SendMailAsync(mail, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>
/// Writes each message as an .eml file into a folder (SmtpClient's pickup directory) instead of sending it: the
/// Development default when no SMTP host is configured, readable in the site's mailbox page.
/// </summary>
internal sealed class PickupDirectoryEmailSender(IOptions<SmtpOptions> options) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        Directory.CreateDirectory(settings.PickupDirectory);
        using var client = new SmtpClient
        {
            DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory,
            PickupDirectoryLocation = Path.GetFullPath(settings.PickupDirectory),
        };
        using var mail = MailMessages.Create(settings.From, message);
        await client.SendMailAsync(mail, cancellationToken).ConfigureAwait(false);
    }
}

internal static class MailMessages
{
    public static MailMessage Create(string from, EmailMessage message) =>
        new(new MailAddress(from), new MailAddress(message.To))
        {
            Subject = message.Subject,
            Body = message.Body,
            IsBodyHtml = false,
            BodyEncoding = System.Text.Encoding.UTF8,
            SubjectEncoding = System.Text.Encoding.UTF8,
        };
}
