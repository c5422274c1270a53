using MailKit.Security;

namespace BlogShop.Domain.Email;

/// <summary>
/// The <c>Smtp</c> section. Without a <see cref="Host"/> mail is not sent but written as .eml files to
/// <see cref="PickupDirectory"/> (the Development default).
/// </summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary>A mailbox MimeKit parses, e.g. <c>BlogShop &lt;noreply@example.org&gt;</c>.</summary>
    public string From { get; set; } = "BlogShop <noreply@blogshop.local>";

    /// <summary>
    /// TLS: <c>Auto</c> (implicit TLS on port 465, STARTTLS when the server offers it otherwise), <c>StartTls</c>
    /// (required), <c>StartTlsWhenAvailable</c>, <c>SslOnConnect</c> (implicit TLS) or <c>None</c>.
    /// </summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    /// <summary>Authenticate with this user (and <see cref="Password"/>) when set.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The longest one SMTP step may take (connect and login, or one message).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Where mail is written when no host is set (default: <c>mail</c> under the app's data folder).</summary>
    public string PickupDirectory { get; set; } = "";
}
