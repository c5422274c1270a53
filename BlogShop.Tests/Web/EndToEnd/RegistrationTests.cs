using System.Net;
using BlogShop.Domain.Entities;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Tests.Web.EndToEnd;

public sealed class RegistrationTests(BlogShopFactory factory) : IClassFixture<BlogShopFactory>
{
    [Fact]
    public async Task Registering_logs_in_and_shows_the_new_profile_with_the_default_bio()
    {
        using var session = factory.NewSession();

        await session.RegisterAsync("grace", "Grace", "Hopper");
        var profile = await session.GetPageAsync("/profile");

        Assert.Contains("Grace Hopper", profile, StringComparison.Ordinal);
        Assert.Contains(BillingProfile.DefaultBio, profile, StringComparison.Ordinal);
        Assert.Contains($"/media/{BillingProfile.DefaultImage}", profile, StringComparison.Ordinal);
        var stored = await factory.SingleOrDefaultAsync(db => db.BillingProfiles.Include(p => p.User).Where(p => p.User!.UserName == "grace"));
        Assert.Equal(BillingProfile.DefaultBio, stored?.Bio);
    }

    [Fact]
    public async Task Passwords_that_differ_are_refused_next_to_the_field_and_create_no_user()
    {
        using var session = factory.NewSession();

        using var response = await session.SubmitAsync("/account/register", "/account/register", WebSession.Fields(
            ("FirstName", "Alan"), ("LastName", "Turing"), ("UserName", "alan"), ("Email", "alan@example.com"),
            ("Password", WebSession.Password), ("ConfirmPassword", "Different1")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Matches("data-valmsg-for=\"ConfirmPassword\"[^>]*>The passwords do not match.", page);
        Assert.Null(await factory.SingleOrDefaultAsync(db => db.Users.Where(u => u.UserName == "alan")));
    }

    [Fact]
    public async Task A_second_account_with_the_same_email_is_refused()
    {
        using var first = factory.NewSession();
        using var second = factory.NewSession();
        await first.RegisterAsync("edsger");

        using var response = await second.SubmitAsync("/account/register", "/account/register", WebSession.Fields(
            ("FirstName", "Other"), ("LastName", "Person"), ("UserName", "other"), ("Email", "EDSGER@example.com"),
            ("Password", WebSession.Password), ("ConfirmPassword", WebSession.Password)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("data-valmsg-for=\"Email\"[^>]*>[^<]*is already taken", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Logging_out_and_in_again_works_with_username_or_email()
    {
        using var session = factory.NewSession();
        await session.RegisterAsync("barbara");
        using (var logout = await session.SubmitAsync("/profile", "/account/logout", []))
        {
            Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        }

        using (var anonymous = await session.Client.GetAsync(new Uri("/profile", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.StartsWith("/account/login", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        using var login = await session.SubmitAsync("/account/login", "/account/login", WebSession.Fields(
            ("UserName", "barbara@example.com"), ("Password", WebSession.Password)));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Contains("barbara", await session.GetPageAsync("/profile"), StringComparison.Ordinal);
    }
}
