using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;

namespace BlogShop.Web.Security;

/// <summary>
/// The rate limits on the account forms, each a named policy of the built-in rate limiter applied with
/// <c>[EnableRateLimiting(SignInRateLimits.Login)]</c>. Every policy counts twice: per client address (the named
/// policy) and per account (the user name or email the form names, across all addresses). Either limit reached answers
/// 429 with a Retry-After header and the "too many requests" page, and the action does not run.
/// </summary>
/// <remarks>
/// Settings under <c>RateLimiting:&lt;Section&gt;</c>: <c>PermitLimit</c> and <c>WindowSeconds</c> per address,
/// <c>AccountPermitLimit</c> and <c>AccountWindowSeconds</c> per account (fixed windows).
/// </remarks>
public static class SignInRateLimits
{
    /// <summary>The login form (per account: the user name or email typed).</summary>
    public const string Login = "login";

    /// <summary>The registration form (per account: the email, which receives the welcome mail).</summary>
    public const string Registration = "registration";

    /// <summary>The forgot-password form (per account: the email, which receives the reset mail).</summary>
    public const string ForgotPassword = "forgot-password";

    private static readonly Limit[] Limits =
    [
        new(Login, "Login", "UserName", new(10, 60), new(10, 300)),
        new(Registration, "Registration", "Email", new(5, 600), new(3, 3600)),
        new(ForgotPassword, "ForgotPassword", "Email", new(5, 600), new(3, 3600)),
    ];

    internal static IServiceCollection AddSignInRateLimits(this IServiceCollection services, IConfigurationSection settings)
    {
        var limits = Limits.ToDictionary(l => l.Policy, l => l.Read(settings.GetSection(l.Section)), StringComparer.Ordinal);
        services.Configure<RateLimiterOptions>(options =>
        {
            foreach (var (policy, limit) in limits)
            {
                options.AddPolicy(policy, context => RateLimitPartition.GetFixedWindowLimiter(
                    AddressOf(context), _ => limit.PerAddress.Options()));
            }

            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                PolicyOf(context) is { } policy && limits.TryGetValue(policy, out var limit) && AccountOf(context, limit.AccountField) is { } account
                    ? RateLimitPartition.GetFixedWindowLimiter($"{policy}:{account}", _ => limit.PerAccount.Options())
                    : RateLimitPartition.GetNoLimiter(""));

            options.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                }

                return ValueTask.CompletedTask;
            };
        });
        return services;
    }

    /// <summary>
    /// Reads the form of a rate-limited account form before the rate limiter runs (the per-account partition is chosen
    /// from a form field, and choosing a partition cannot wait for the body), then the rate limiter itself.
    /// </summary>
    internal static IApplicationBuilder UseSignInRateLimits(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            if (PolicyOf(context) is { } policy && Limits.Any(l => l.Policy == policy) && context.Request.HasFormContentType)
            {
                try
                {
                    await context.Request.ReadFormAsync(context.RequestAborted);
                }
                catch (InvalidDataException)
                {
                    // A malformed or oversized form: antiforgery and model binding answer it; only the address limit counts.
                }
            }

            await next(context);
        });
        return app.UseRateLimiter();
    }

    /// <summary>The client's address; IPv6 clients by their /64 network, which one household or server usually gets whole.</summary>
    internal static string AddressOf(HttpContext context)
    {
        if (context.Connection.RemoteIpAddress is not { } address)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }

        return address.ToString();
    }

    private static string? PolicyOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;

    /// <summary>The account a form names, from the form read before (never reading the body here); null when none.</summary>
    private static string? AccountOf(HttpContext context, string field) =>
        context.Features.Get<IFormFeature>()?.Form is { } form && form.TryGetValue(field, out var value) && value.ToString().Trim() is { Length: > 0 } account
            ? account.ToUpperInvariant()
            : null;

    private sealed record Window(int PermitLimit, int WindowSeconds)
    {
        public FixedWindowRateLimiterOptions Options() => new()
        {
            PermitLimit = PermitLimit,
            Window = TimeSpan.FromSeconds(WindowSeconds),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }

    private sealed record Limit(string Policy, string Section, string AccountField, Window PerAddress, Window PerAccount)
    {
        public Limit Read(IConfigurationSection section) => this with
        {
            PerAddress = new(Positive(section, "PermitLimit", PerAddress.PermitLimit), Positive(section, "WindowSeconds", PerAddress.WindowSeconds)),
            PerAccount = new(Positive(section, "AccountPermitLimit", PerAccount.PermitLimit), Positive(section, "AccountWindowSeconds", PerAccount.WindowSeconds)),
        };

        private static int Positive(IConfigurationSection section, string key, int defaultValue) =>
            section.GetValue(key, defaultValue) is > 0 and var value
                ? value
                : throw new InvalidOperationException($"{section.Path}:{key} must be at least 1.");
    }
}
