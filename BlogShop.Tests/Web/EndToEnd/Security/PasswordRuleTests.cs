using System.Net;
using BlogShop.Domain.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BlogShop.Tests.Web.EndToEnd.Security;

public sealed class PasswordRuleTests(BlogShopFactory factory) : IClassFixture<BlogShopFactory>
{
    [Fact]
    public async Task A_password_shorter_than_10_characters_is_refused_next_to_the_field()
    {
        using var session = factory.NewSession();
        Assert.Contains("At least 10 characters", await session.GetPageAsync("/account/register"), StringComparison.Ordinal);

        using var response = await session.SubmitAsync("/account/register", "/account/register", WebSession.Fields(
            ("FirstName", "Short"), ("LastName", "Password"), ("UserName", "shorty"), ("Email", "shorty@example.com"),
            ("Password", "Abcdef12!"), ("ConfirmPassword", "Abcdef12!")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("data-valmsg-for=\"Password\"[^>]*>Use at least 10 characters", await response.Content.ReadAsStringAsync());
        Assert.Null(await factory.SingleOrDefaultAsync(db => db.Users.Where(u => u.UserName == "shorty")));
    }

    [Fact]
    public async Task Identity_itself_refuses_a_9_character_password_and_accepts_10()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();

        var tooShort = await users.CreateAsync(new ApplicationUser { UserName = "nine", Email = "nine@example.com" }, "Abcdefgh1");
        var longEnough = await users.CreateAsync(new ApplicationUser { UserName = "ten", Email = "ten@example.com" }, "Abcdefgh12");

        Assert.Contains(tooShort.Errors, e => e.Code == nameof(IdentityErrorDescriber.PasswordTooShort));
        Assert.True(longEnough.Succeeded, string.Join(", ", longEnough.Errors.Select(e => e.Description)));
    }
}
