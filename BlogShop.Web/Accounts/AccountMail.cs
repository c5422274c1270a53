using System.Text;
using BlogShop.Domain;
using BlogShop.Domain.Data;
using BlogShop.Domain.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace BlogShop.Web.Accounts;

/// <summary>
/// The account emails that carry an Identity token (email confirmation, password reset), queued in the outbox. Links
/// are absolute, built from the configured <see cref="SiteOptions.BaseUrl"/>, never from the request's Host header
/// (a forged Host would otherwise put an attacker's address in front of a reset token). Tokens travel Base64Url-encoded
/// (<see cref="Encode"/>/<see cref="TryDecode"/>), as Identity's own UI does.
/// </summary>
public sealed class AccountMail(
    BlogShopDbContext db, UserManager<ApplicationUser> users, LinkGenerator links, IOptions<SiteOptions> site, TimeProvider time)
{
    /// <summary>Queues "Confirm your email" with a link to <c>/account/confirm-email</c>; a user without an email gets nothing.</summary>
    public async Task SendEmailConfirmationAsync(ApplicationUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Email is not { Length: > 0 } email)
        {
            return;
        }

        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        var link = Link("ConfirmEmail", "EmailConfirmation", new { userId = user.Id, code = Encode(token) });
        var body = $"""
            Hello {user.DisplayName},

            please confirm that {email} is your email address by opening this link:

            {link}

            Until you do, BlogShop reminds you at the top of every page. If you did not create an account, ignore this mail.

            The BlogShop team
            """;
        await QueueAsync(email, "Confirm your email for BlogShop", body, cancellationToken);
    }

    /// <summary>Queues "Reset your password" with a link to <c>/account/reset-password</c>, valid as long as Identity's tokens are.</summary>
    public async Task SendPasswordResetAsync(ApplicationUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Email is not { Length: > 0 } email)
        {
            return;
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = Link("ResetPassword", "Password", new { userId = user.Id, code = Encode(token) });
        var body = $"""
            Hello {user.DisplayName},

            someone (we hope you) asked to reset the password of your BlogShop account "{user.UserName}".
            Choose a new password here:

            {link}

            The link works once. If you did not ask for it, ignore this mail: your password stays as it is.

            The BlogShop team
            """;
        await QueueAsync(email, "Reset your BlogShop password", body, cancellationToken);
    }

    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <summary>The token of a link, or null when the code is not valid Base64Url (a mangled link).</summary>
    public static string? TryDecode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private string Link(string action, string controller, object values)
    {
        var path = links.GetPathByAction(action, controller, values, pathBase: PathString.Empty)
            ?? throw new InvalidOperationException($"No route to {controller}.{action}.");
        return site.Value.Absolute(path);
    }

    private async Task QueueAsync(string to, string subject, string body, CancellationToken cancellationToken)
    {
        db.OutboxEmails.Add(OutboxEmail.Create(to, subject, body, time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
    }
}
