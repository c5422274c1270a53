namespace BlogShop.Domain.Email;

/// <summary>
/// The <c>Smtp</c> section. Without a <see cref="Host"/> mail is not sent but written as .eml files to
/// <see cref="PickupDirectory"/> (the Development default).
/// </summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public string From { get; set; } = "BlogShop <noreply@blogshop.local>";

    public bool EnableSsl { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>Gives up on one delivery attempt after this long.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Where mail is written when no host is set (default: <c>mail</c> under the app's data folder).</summary>
    public string PickupDirectory { get; set; } = "";
}
