using System.Net;
using System.Text.RegularExpressions;

namespace BlogShop.Tests.Web.EndToEnd.Security;

public sealed partial class SecurityHeadersTests(BlogShopFactory factory) : IClassFixture<BlogShopFactory>
{
    public static TheoryData<string> Responses => new()
    {
        "/articles",                // a page
        "/account/login",           // a page with a form
        "/no-such-page",            // the 404 page
        "/media/defaults/profile.png", // an uploaded-media file
        "/css/site.css",            // a static asset
        "/health/live",             // an endpoint outside MVC
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Matches("(^|; )script-src 'self'(;|$)", csp);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task No_page_has_an_inline_script_or_event_handler_attribute()
    {
        using var session = factory.NewSession();
        await session.RegisterAsync("inline");
        var slug = await session.WriteArticleAsync("Scripts from files only");

        foreach (var path in new[] { "/articles", $"/articles/{slug}", "/articles/new", "/books", "/books/new", "/profile", "/profile/edit", "/notifications", "/account/login", "/account/register" })
        {
            var page = await session.GetPageAsync(path);
            Assert.DoesNotMatch(InlineScript(), page);
            Assert.DoesNotMatch(EventHandlerAttribute(), page);
            Assert.DoesNotContain("javascript:", page, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : throw new Xunit.Sdk.XunitException($"{response.RequestMessage!.RequestUri} has no {name} header ({(int)response.StatusCode}).");

    /// <summary>A script element without a src attribute.</summary>
    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("<[a-z][^>]*\\son[a-z]+\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();
}

/// <summary>The site on real Kestrel sockets: Kestrel's own Server header is what the header middleware cannot remove.</summary>
public sealed class KestrelServerHeaderTests : IDisposable
{
    private readonly BlogShopFactory _factory = new();

    public KestrelServerHeaderTests() => _factory.UseKestrel(0);

    [Fact]
    public async Task Kestrel_sends_no_server_header()
    {
        _factory.StartServer();
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/articles", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"), string.Join(", ", response.Headers.Server));
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
    }

    public void Dispose() => _factory.Dispose();
}
