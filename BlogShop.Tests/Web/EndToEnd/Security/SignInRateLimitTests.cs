using System.Net;

namespace BlogShop.Tests.Web.EndToEnd.Security;

/// <summary>The shipped limits (appsettings.json): login 10 a minute per address and 10 per 5 minutes per account;
/// registration and forgot-password 5 per 10 minutes per address and 3 an hour per email.</summary>
public sealed class SignInRateLimitTests(HardenedBlogShopFactory factory) : IClassFixture<HardenedBlogShopFactory>
{
    private const int LoginsPerAddress = 10;
    private const int LoginsPerAccount = 10;
    private const int RegistrationsPerAddress = 5;
    private const int MailsPerEmail = 3;

    [Fact]
    public async Task Logins_from_one_address_beyond_its_limit_get_the_429_page_whatever_the_account()
    {
        using var attacker = factory.SessionFrom("192.0.2.10");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= LoginsPerAddress; i++)
        {
            using var response = await attacker.SubmitAsync("/account/login", "/account/login", WebSession.Fields(("UserName", $"account{i}"), ("Password", "wrong-password")));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
                Assert.Contains("Slow down", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, LoginsPerAddress), HttpStatusCode.TooManyRequests], statuses);

        using var other = factory.SessionFrom("192.0.2.11");
        using var fromElsewhere = await other.SubmitAsync("/account/login", "/account/login", WebSession.Fields(("UserName", "account0"), ("Password", "wrong-password")));
        Assert.Equal(HttpStatusCode.OK, fromElsewhere.StatusCode);
    }

    [Fact]
    public async Task Logins_to_one_account_from_many_addresses_beyond_its_limit_are_refused()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= LoginsPerAccount; i++)
        {
            using var session = factory.SessionFrom($"192.0.2.{100 + i}");
            using var response = await session.SubmitAsync("/account/login", "/account/login", WebSession.Fields(("UserName", i % 2 == 0 ? "Victim" : " victim "), ("Password", "wrong-password")));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, LoginsPerAccount), HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Registrations_from_one_address_beyond_its_limit_are_refused_and_create_no_user()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= RegistrationsPerAddress; i++)
        {
            using var session = factory.SessionFrom("192.0.2.20");
            using var response = await session.SubmitAsync("/account/register", "/account/register", WebSession.Fields(
                ("FirstName", "Bulk"), ("LastName", "Signup"), ("UserName", $"bulk{i}"), ("Email", $"bulk{i}@example.com"),
                ("Password", WebSession.Password), ("ConfirmPassword", WebSession.Password)));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Redirect, RegistrationsPerAddress), HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(RegistrationsPerAddress, (await factory.ListAsync(db => db.Users.Where(u => u.UserName!.StartsWith("bulk")))).Count);
    }

    [Fact]
    public async Task The_forgot_password_policy_limits_mails_to_one_email_from_many_addresses()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= MailsPerEmail; i++)
        {
            using var session = factory.SessionFrom($"192.0.2.{200 + i}");
            using var response = await session.SubmitAsync("/account/login", "/test-only/forgot-password", WebSession.Fields(("Email", "inbox@example.com")));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, MailsPerEmail), HttpStatusCode.TooManyRequests], statuses);

        using var another = factory.SessionFrom("192.0.2.250");
        using var otherEmail = await another.SubmitAsync("/account/login", "/test-only/forgot-password", WebSession.Fields(("Email", "someone-else@example.com")));
        Assert.Equal(HttpStatusCode.OK, otherEmail.StatusCode);
    }

    [Fact]
    public async Task Reading_the_forms_is_not_limited()
    {
        using var session = factory.SessionFrom("192.0.2.30");

        for (var i = 0; i < LoginsPerAddress * 2; i++)
        {
            _ = await session.GetPageAsync("/account/login");
        }
    }
}
