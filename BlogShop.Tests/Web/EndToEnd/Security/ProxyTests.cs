using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BlogShop.Tests.Web.EndToEnd.Security;

/// <summary>Behind a TLS-terminating proxy (a known proxy at 10.0.0.1, ForwardedHeaders:KnownProxies).</summary>
public sealed class ProxyTests(HardenedBlogShopFactory factory) : IClassFixture<HardenedBlogShopFactory>
{
    [Fact]
    public async Task An_https_request_through_the_known_proxy_gets_hsts_and_secure_cookies()
    {
        using var session = factory.SessionFrom(HardenedBlogShopFactory.Proxy.ToString(), host: "blogshop.example");
        session.Client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        session.Client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.77");

        using var page = await session.Client.GetAsync(new Uri("/account/login", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("max-age=31536000", page.Headers.GetValues("Strict-Transport-Security").Single());
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Contains("; secure", antiforgery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Logging_in_through_the_proxy_over_https_sets_a_secure_login_cookie()
    {
        using (var owner = factory.SessionFrom("198.51.100.98"))
        {
            await owner.RegisterAsync("proxied");
        }

        // The proxy's client speaks HTTPS, so it returns Secure cookies; this client (plain HTTP to the test server)
        // carries them by hand.
        using var proxy = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("http://blogshop.example/") });
        proxy.DefaultRequestHeaders.Add(HardenedBlogShopFactory.PeerHeader, HardenedBlogShopFactory.Proxy.ToString());
        proxy.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        using var form = await proxy.GetAsync(new Uri("/account/login", UriKind.Relative));
        var antiforgery = form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)).Split(';')[0];
        var token = WebUtility.HtmlDecode(Regex.Match(await form.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/account/login", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(WebSession.Fields(("UserName", "proxied"), ("Password", WebSession.Password), ("__RequestVerificationToken", token))),
        };
        request.Headers.Add("Cookie", antiforgery);

        using var login = await proxy.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var identity = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
        Assert.Contains("; secure", identity, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", identity, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_address_that_is_not_a_known_proxy_are_ignored()
    {
        using var session = factory.SessionFrom("198.51.100.99", host: "blogshop.example");
        session.Client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        using var page = await session.Client.GetAsync(new Uri("/account/login", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
        Assert.DoesNotContain("; secure", page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_rate_limits_count_the_client_the_proxy_names_not_the_proxy()
    {
        for (var client = 0; client < 2; client++)
        {
            for (var i = 0; i < 10; i++)
            {
                using var session = factory.SessionFrom(HardenedBlogShopFactory.Proxy.ToString());
                session.Client.DefaultRequestHeaders.Add("X-Forwarded-For", $"203.0.113.{client + 10}");
                using var response = await session.SubmitAsync("/account/login", "/account/login", WebSession.Fields(("UserName", $"proxied{client}-{i}"), ("Password", "wrong-password")));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }
    }
}

/// <summary>The site with an HTTPS port configured (https_port): plain HTTP requests are redirected.</summary>
public sealed class HttpsRedirectingBlogShopFactory : BlogShopFactory
{
    protected override void ConfigureMore(IWebHostBuilder builder) => builder.UseSetting("https_port", "443");
}

public sealed class HttpsRedirectionTests(HttpsRedirectingBlogShopFactory factory) : IClassFixture<HttpsRedirectingBlogShopFactory>
{
    [Fact]
    public async Task A_plain_http_request_is_redirected_to_https()
    {
        using var session = factory.NewSession();
        session.Client.BaseAddress = new Uri("http://blogshop.example/");

        using var response = await session.Client.GetAsync(new Uri("/articles?page=2", UriKind.Relative));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal(new Uri("https://blogshop.example/articles?page=2"), response.Headers.Location);
    }
}
