using System.Net;
using System.Text.Json;
using BlogShop.Domain.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BlogShop.Web.Security;

/// <summary>
/// <c>/health/live</c>: the process answers ("Healthy", no checks run, public: for a container's liveness probe).
/// <c>/health/ready</c>: the checks tagged <see cref="ReadyTag"/> (the database), with each check's status as JSON,
/// for requests from the machine itself (loopback, after forwarded headers) or staff users only; anyone else is sent
/// to the login page (anonymous) or answered 403. No exception text is ever written.
/// </summary>
internal static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public const string ReadyPolicy = "health-ready";

    public static void LoopbackOrStaff(AuthorizationPolicyBuilder policy) => policy.RequireAssertion(async context =>
    {
        if (context.Resource is not HttpContext http)
        {
            return false;
        }

        if (http.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address))
        {
            return true;
        }

        var users = http.RequestServices.GetRequiredService<UserManager<ApplicationUser>>();
        return context.User.Identity?.IsAuthenticated == true && await users.GetUserAsync(context.User) is { IsStaff: true };
    });

    public static void MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteStatusesAsync,
        }).RequireAuthorization(ReadyPolicy);
    }

    private static Task WriteStatusesAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
        }, cancellationToken: context.RequestAborted);
    }
}
