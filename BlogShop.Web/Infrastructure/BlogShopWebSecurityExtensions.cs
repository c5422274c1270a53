using System.Net;
using BlogShop.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// The site's hardening, registered and used in one place: security headers, forwarded headers from known proxies,
/// HTTPS redirection and HSTS, the password rule, the security-stamp interval and the sign-in rate limits. Each promise
/// and the test that proves it are listed in docs/security.md.
/// </summary>
public static class BlogShopWebSecurityExtensions
{
    /// <summary>
    /// Registers the hardening services. Invalid settings (a known proxy that is not an IP address, a network that is
    /// not in CIDR notation, a rate limit below 1) throw here, at startup.
    /// </summary>
    public static WebApplicationBuilder AddBlogShopSecurity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var services = builder.Services;

        // Kestrel's "Server: Kestrel" tells an attacker what to aim at; the header middleware cannot remove it.
        services.Configure<KestrelServerOptions>(options => options.AddServerHeader = false);

        services.Configure<ForwardedHeadersOptions>(options => ConfigureForwardedHeaders(options, configuration.GetSection("ForwardedHeaders")));
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = false;
        });

        // Length is what makes a password hard to guess (NIST SP 800-63B). Failed passwords never lock an account (see
        // AccountController.Login): guessing is bounded by the sign-in rate limits instead.
        services.Configure<IdentityOptions>(options => options.Password.RequiredLength = PasswordRules.MinimumLength);

        // Cookies are Secure on HTTPS requests (after forwarded headers), like Identity's own cookie already is.
        services.Configure<AntiforgeryOptions>(options =>
        {
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.SuppressXFrameOptionsHeader = true; // the security headers send X-Frame-Options: DENY on every response
        });
        services.Configure<CookieTempDataProviderOptions>(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

        // Logging out changes the security stamp; a copied cookie stops working at its next validation.
        services.Configure<SecurityStampValidatorOptions>(options =>
            options.ValidationInterval = configuration.GetValue("Security:StampValidationInterval", TimeSpan.FromMinutes(1)));

        services.AddSingleton<SignInTiming.NobodysHash>();
        services.AddScoped<SignInTiming>();
        services.AddSignInRateLimits(configuration.GetSection("RateLimiting"));
        return builder;
    }

    /// <summary>
    /// Forwarded headers from known proxies (first, so everything after sees the client's address and scheme), the
    /// security headers on every response, and outside Development HSTS (HTTPS requests only) and the redirection to
    /// HTTPS (when an HTTPS port is known).
    /// </summary>
    public static WebApplication UseBlogShopSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseForwardedHeaders();
        app.UseSecurityHeaders(SecurityHeaders.Policy());
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            if (app.Configuration["https_port"] is { Length: > 0 })
            {
                app.UseHttpsRedirection();
            }
        }

        return app;
    }

    private static void ConfigureForwardedHeaders(ForwardedHeadersOptions options, IConfigurationSection section)
    {
        // X-Forwarded-Host is not trusted: the site builds absolute links from its configured host, not the request's.
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        var proxies = section.GetSection("KnownProxies").Get<string[]>() ?? [];
        var networks = section.GetSection("KnownNetworks").Get<string[]>() ?? [];
        if (proxies.Length == 0 && networks.Length == 0)
        {
            return; // the framework's default: only a proxy on the loopback interface is trusted
        }

        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address."));
        }

        foreach (var network in networks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: '{network}' is not a network such as 10.0.0.0/8."));
        }
    }
}
