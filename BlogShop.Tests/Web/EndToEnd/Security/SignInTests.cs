using System.Net;
using System.Text.RegularExpressions;
using BlogShop.Domain.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BlogShop.Tests.Web.EndToEnd.Security;

/// <summary>A failed sign-in tells nothing about the account: same page, same password-hashing work.</summary>
public sealed partial class SignInTests(HardenedBlogShopFactory factory) : IClassFixture<HardenedBlogShopFactory>
{
    [Fact]
    public async Task Unknown_user_wrong_password_and_locked_account_get_the_same_answer_after_the_same_hashing_work()
    {
        using (var owner = factory.SessionFrom("198.51.100.1"))
        {
            await owner.RegisterAsync("existing");
            await owner.RegisterAsync("locked");
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var locked = await users.FindByNameAsync("locked");
            Assert.True((await users.SetLockoutEndDateAsync(locked!, DateTimeOffset.UtcNow.AddDays(1))).Succeeded);
        }

        var unknown = await FailedLoginAsync("198.51.100.2", "nobody-by-this-name", "whatever-password");
        var wrong = await FailedLoginAsync("198.51.100.3", "existing", "not-the-password");
        var lockedOut = await FailedLoginAsync("198.51.100.4", "locked", WebSession.Password);

        Assert.Equal("Wrong username or password.", unknown.Message);
        Assert.Equal(unknown.Message, wrong.Message);
        Assert.Equal(unknown.Message, lockedOut.Message);
        Assert.Equal(1, unknown.PasswordChecks);
        Assert.Equal(1, wrong.PasswordChecks);
        Assert.Equal(1, lockedOut.PasswordChecks);
    }

    [Fact]
    public async Task Failed_passwords_from_many_addresses_never_lock_the_owner_out()
    {
        using (var owner = factory.SessionFrom("198.51.100.10"))
        {
            await owner.RegisterAsync("target");
        }

        // Identity's default lockout is 5 failures; 8 come from 8 addresses (each under its address limit).
        for (var i = 0; i < 8; i++)
        {
            _ = await FailedLoginAsync($"203.0.113.{i + 1}", "target", $"guess-number-{i}");
        }

        using var session = factory.SessionFrom("198.51.100.10");
        using var login = await session.SubmitAsync("/account/login", "/account/login", WebSession.Fields(("UserName", "target"), ("Password", WebSession.Password)));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Null((await factory.SingleOrDefaultAsync(db => db.Users.Where(u => u.UserName == "target")))!.LockoutEnd);
    }

    private async Task<(string Message, int PasswordChecks)> FailedLoginAsync(string peer, string userName, string password)
    {
        using var session = factory.SessionFrom(peer);
        _ = await session.GetPageAsync("/account/login");
        var before = factory.Hasher.Verifications;
        using var response = await session.SubmitAsync("/account/login", "/account/login", WebSession.Fields(("UserName", userName), ("Password", password)));
        var checks = factory.Hasher.Verifications - before;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = Summary().Match(await response.Content.ReadAsStringAsync());
        Assert.True(summary.Success, "The login page shows no error summary.");
        return (WebUtility.HtmlDecode(summary.Groups[1].Value), checks);
    }

    [GeneratedRegex("validation-summary-errors[^>]*>\\s*<ul>\\s*<li>([^<]*)</li>")]
    private static partial Regex Summary();
}
