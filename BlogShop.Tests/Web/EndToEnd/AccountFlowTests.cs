using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Tests.Web.EndToEnd;

public sealed partial class AccountFlowTests(BlogShopFactory factory) : IClassFixture<BlogShopFactory>
{
    [Fact]
    public async Task A_new_account_is_usable_at_once_with_a_banner_until_the_mailed_link_confirms_the_email()
    {
        using var session = factory.NewSession();
        var userName = await session.RegisterAsync("confirmer1");
        Assert.Contains("id=\"confirm-email-banner\"", await session.GetPageAsync("/articles"), StringComparison.Ordinal);

        var link = await MailedLinkAsync($"{userName}@example.com", "Confirm your email for BlogShop", "/account/confirm-email");
        Assert.StartsWith("http://localhost:5131/account/confirm-email?", link.AbsoluteUri, StringComparison.Ordinal);
        var confirmed = await session.GetPageAsync(link.PathAndQuery);

        Assert.Contains("id=\"email-confirmed\"", confirmed, StringComparison.Ordinal);
        Assert.DoesNotContain("confirm-email-banner", await session.GetPageAsync("/articles"), StringComparison.Ordinal);
        Assert.True(await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.EmailConfirmed).SingleAsync()));
    }

    [Fact]
    public async Task A_tampered_confirmation_link_confirms_nothing()
    {
        using var session = factory.NewSession();
        var userName = await session.RegisterAsync("confirmer2");
        var link = await MailedLinkAsync($"{userName}@example.com", "Confirm your email for BlogShop", "/account/confirm-email");

        var page = await session.GetPageAsync(link.PathAndQuery.Replace("code=", "code=x", StringComparison.Ordinal));
        var garbage = await session.GetPageAsync("/account/confirm-email?userId=nobody&code=%%%");

        Assert.Contains("id=\"email-not-confirmed\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"email-not-confirmed\"", garbage, StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.EmailConfirmed).SingleAsync()));
    }

    [Fact]
    public async Task The_banner_button_mails_a_new_confirmation_link()
    {
        using var session = factory.NewSession();
        var userName = await session.RegisterAsync("confirmer3");

        using var resend = await session.SubmitAsync("/articles", "/account/confirm-email/resend", []);

        Assert.Equal(HttpStatusCode.Redirect, resend.StatusCode);
        Assert.Equal(2, await factory.WithDbAsync(db => db.OutboxEmails.CountAsync(m => m.To == $"{userName}@example.com" && m.Subject == "Confirm your email for BlogShop")));
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_through_the_mailed_link_once()
    {
        using var session = factory.NewSession();
        var userName = await session.RegisterAsync("forgetful1");
        using var anonymous = factory.NewSession();

        using (var asked = await anonymous.SubmitAsync("/account/forgot-password", "/account/forgot-password", WebSession.Fields(("Email", $"{userName}@example.com"))))
        {
            Assert.Contains("id=\"reset-sent\"", await asked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var link = await MailedLinkAsync($"{userName}@example.com", "Reset your BlogShop password", "/account/reset-password");
        var fields = WebSession.Fields(("UserId", QueryValue(link, "userId")), ("Code", QueryValue(link, "code")), ("Password", "N3w-Passw0rd"), ("ConfirmPassword", "N3w-Passw0rd"));
        using (var reset = await anonymous.SubmitAsync(link.PathAndQuery, "/account/reset-password", fields))
        {
            Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
            Assert.Equal("/account/login", reset.Headers.Location!.OriginalString, ignoreCase: true);
        }

        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(userName, WebSession.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await LoginAsync(userName, "N3w-Passw0rd")).StatusCode);
        using var again = await anonymous.SubmitAsync(link.PathAndQuery, "/account/reset-password", fields);
        Assert.Contains("id=\"reset-invalid\"", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asking_a_reset_for_an_unknown_address_answers_the_same_and_mails_nobody()
    {
        using var anonymous = factory.NewSession();

        using var asked = await anonymous.SubmitAsync("/account/forgot-password", "/account/forgot-password", WebSession.Fields(("Email", "nobody-here@example.com")));
        using var invalid = await anonymous.SubmitAsync("/account/forgot-password", "/account/forgot-password", WebSession.Fields(("Email", "not an address")));

        Assert.Contains("id=\"reset-sent\"", await asked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDbAsync(db => db.OutboxEmails.CountAsync(m => m.To == "nobody-here@example.com")));
        Assert.Matches("data-valmsg-for=\"Email\"[^>]*>[^<]*not a valid e-mail address", await invalid.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_reset_page_without_a_valid_code_says_so_and_a_weak_password_is_refused_next_to_the_field()
    {
        using var session = factory.NewSession();
        var userName = await session.RegisterAsync("forgetful2");
        using var anonymous = factory.NewSession();
        Assert.Contains("id=\"reset-invalid\"", await anonymous.GetPageAsync("/account/reset-password"), StringComparison.Ordinal);
        using (await anonymous.SubmitAsync("/account/forgot-password", "/account/forgot-password", WebSession.Fields(("Email", $"{userName}@example.com"))))
        {
        }

        var link = await MailedLinkAsync($"{userName}@example.com", "Reset your BlogShop password", "/account/reset-password");
        using var weak = await anonymous.SubmitAsync(link.PathAndQuery, "/account/reset-password", WebSession.Fields(
            ("UserId", QueryValue(link, "userId")), ("Code", QueryValue(link, "code")), ("Password", "abcdefghijkl"), ("ConfirmPassword", "abcdefghijkl")));

        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        Assert.Matches("data-valmsg-for=\"Password\"[^>]*>[^<]*(digit|uppercase)", await weak.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one()
    {
        using var session = factory.NewSession();
        var userName = await session.RegisterAsync("changer1");

        using (var wrong = await session.SubmitAsync("/account/change-password", "/account/change-password", WebSession.Fields(
            ("CurrentPassword", "not-it-1A"), ("NewPassword", "Chang3d-Pass"), ("ConfirmPassword", "Chang3d-Pass"))))
        {
            Assert.Matches("data-valmsg-for=\"CurrentPassword\"[^>]*>This is not your current password.", await wrong.Content.ReadAsStringAsync());
        }

        using (var changed = await session.SubmitAsync("/account/change-password", "/account/change-password", WebSession.Fields(
            ("CurrentPassword", WebSession.Password), ("NewPassword", "Chang3d-Pass"), ("ConfirmPassword", "Chang3d-Pass"))))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        }

        Assert.Contains(userName, await session.GetPageAsync("/profile"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await LoginAsync(userName, "Chang3d-Pass")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(userName, WebSession.Password)).StatusCode);
    }

    /// <summary>A login from a new session: 302 when it worked, 200 (the form again) when it did not.</summary>
    private async Task<HttpResponseMessage> LoginAsync(string userName, string password)
    {
        using var session = factory.NewSession();
        return await session.SubmitAsync("/account/login", "/account/login", WebSession.Fields(("UserName", userName), ("Password", password)));
    }

    /// <summary>The link to <paramref name="path"/> in the newest outbox mail with that subject.</summary>
    private async Task<Uri> MailedLinkAsync(string to, string subject, string path)
    {
        var body = await factory.WithDbAsync(db => db.OutboxEmails.Where(m => m.To == to && m.Subject == subject)
            .OrderByDescending(m => m.Id).Select(m => m.Body).FirstAsync());
        var match = LinkPattern().Matches(body).FirstOrDefault(m => new Uri(m.Value).AbsolutePath == path)
            ?? throw new InvalidOperationException($"The mail \"{subject}\" has no link to {path}: {body}");
        return new Uri(match.Value);
    }

    private static string QueryValue(Uri link, string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query)[name].ToString();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
