using System.Net;

namespace BlogShop.Tests.Web.EndToEnd;

/// <summary>Registration refuses, next to the field, the addresses the outbox could never deliver.</summary>
public sealed class DeliverableEmailTests(BlogShopFactory factory) : IClassFixture<BlogShopFactory>
{
    [Theory]
    [InlineData("dotdot", "a..b@x.org")]
    [InlineData("semicolon", "semi;x@y.org")]
    [InlineData("angle", "lt<x>@y.org")]
    public async Task Registration_refuses_an_address_smtp_would_refuse_and_creates_no_user(string userName, string email)
    {
        using var session = factory.NewSession();

        using var response = await session.SubmitAsync("/account/register", "/account/register", WebSession.Fields(
            ("FirstName", "Poison"), ("LastName", "Pill"), ("UserName", userName), ("Email", email),
            ("Password", WebSession.Password), ("ConfirmPassword", WebSession.Password)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("data-valmsg-for=\"Email\"[^>]*>Enter one plain email address", await response.Content.ReadAsStringAsync());
        Assert.Null(await factory.SingleOrDefaultAsync(db => db.Users.Where(u => u.UserName == userName)));
        Assert.Empty(await factory.ListAsync(db => db.OutboxEmails.Where(e => e.To == email)));
    }
}
