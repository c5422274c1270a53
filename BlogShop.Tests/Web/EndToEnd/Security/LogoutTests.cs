using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BlogShop.Tests.Web.EndToEnd.Security;

/// <summary>Logging out changes the security stamp: a login cookie copied before stops working (the test host checks
/// the stamp on every request; the site's default is every minute, Security:StampValidationInterval).</summary>
public sealed class LogoutTests(HardenedBlogShopFactory factory) : IClassFixture<HardenedBlogShopFactory>
{
    [Fact]
    public async Task A_login_cookie_copied_before_logout_no_longer_works_after_it()
    {
        using var session = factory.SessionFrom("198.51.100.50");
        await session.RegisterAsync("copied");
        using var login = await session.SubmitAsync("/account/login", "/account/login", WebSession.Fields(("UserName", "copied"), ("Password", WebSession.Password)));
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal)).Split(';')[0];

        Assert.Equal(HttpStatusCode.OK, await ProfileWithAsync(cookie));

        using (var logout = await session.SubmitAsync("/profile", "/account/logout", []))
        {
            Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Redirect, await ProfileWithAsync(cookie));
    }

    private async Task<HttpStatusCode> ProfileWithAsync(string cookie)
    {
        using var thief = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/profile", UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        using var response = await thief.SendAsync(request);
        return response.StatusCode;
    }
}
