using System.Net;
using BlogShop.Domain.Entities;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using BlogShop.Web.Security;

namespace BlogShop.Tests.Web.EndToEnd.Security;

/// <summary>
/// The site with its shipped sign-in rate limits (not lifted as for the rest of the suite), a known proxy at
/// <see cref="Proxy"/>, a security stamp checked on every request, and a password hasher that counts its work. Each
/// request may say which address it comes from with the <see cref="PeerHeader"/> header: TestServer has no TCP peer,
/// so this stands in for the connection's remote address (set before the site's own middleware runs).
/// </summary>
public class HardenedBlogShopFactory : BlogShopFactory
{
    public const string PeerHeader = "X-Test-Peer";

    public static readonly IPAddress Proxy = IPAddress.Parse("10.0.0.1");

    public CountingPasswordHasher Hasher { get; } = new();

    protected override bool LiftSignInRateLimits => false;

    /// <summary>A session whose requests come from <paramref name="peer"/>.</summary>
    public WebSession SessionFrom(string peer, string host = "localhost")
    {
        var session = NewSession();
        session.Client.BaseAddress = new Uri($"http://{host}/");
        session.Client.DefaultRequestHeaders.Add(PeerHeader, peer);
        return session;
    }

    protected override void ConfigureMore(IWebHostBuilder builder)
    {
        builder.UseSetting("ForwardedHeaders:KnownProxies:0", Proxy.ToString());
        builder.UseSetting("Security:StampValidationInterval", "00:00:00");
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IStartupFilter, PeerAddressFilter>();
            services.Replace(ServiceDescriptor.Singleton<IPasswordHasher<ApplicationUser>>(Hasher));
        });
    }

    private sealed class PeerAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers[PeerHeader] is [{ } peer])
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>Identity's password hasher, counting how many passwords it checked.</summary>
public sealed class CountingPasswordHasher : IPasswordHasher<ApplicationUser>
{
    private readonly PasswordHasher<ApplicationUser> _inner = new();
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(ApplicationUser user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

/// <summary>
/// A stand-in for the forgot-password form (built in another branch), with the policy that form carries, so the
/// policy's limits are proven here. Added to the site under test only.
/// </summary>
[Route("test-only/forgot-password")]
public sealed class ForgotPasswordStandInController : Controller
{
    [HttpPost(""), EnableRateLimiting(SignInRateLimits.ForgotPassword)]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "MVC actions are instance methods.")]
    public IActionResult Post([FromForm] string email) => Content($"A reset link is on its way to {email}.");
}
