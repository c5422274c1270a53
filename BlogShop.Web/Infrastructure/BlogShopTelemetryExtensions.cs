using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Exports the site's traces and metrics (the signals' and ASP.NET Core's) with OpenTelemetry.</summary>
public static class BlogShopTelemetryExtensions
{
    /// <summary>The ActivitySource and Meter of BlogShop.Signals.</summary>
    public const string SignalsSource = "BlogShop.Signals";

    /// <summary>
    /// When <c>OpenTelemetry:Endpoint</c> is set (an OTLP collector, e.g. <c>http://localhost:4317</c>), sends the
    /// traces and metrics of BlogShop.Signals and of ASP.NET Core requests there, as service <c>BlogShop.Web</c>.
    /// Without it nothing is registered, so no listener exists and a send does no telemetry work.
    /// </summary>
    /// <exception cref="InvalidOperationException">The endpoint is not an absolute http(s) URI.</exception>
    public static WebApplicationBuilder AddBlogShopTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Configuration["OpenTelemetry:Endpoint"] is not { Length: > 0 } configured)
        {
            return builder;
        }

        if (!Uri.TryCreate(configured, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"OpenTelemetry:Endpoint '{configured}' is not an absolute http(s) URI.");
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("BlogShop.Web"))
            .WithTracing(tracing => tracing
                .AddSource(SignalsSource)
                .AddAspNetCoreInstrumentation()
                .AddOtlpExporter(otlp => otlp.Endpoint = endpoint))
            .WithMetrics(metrics => metrics
                .AddMeter(SignalsSource)
                .AddAspNetCoreInstrumentation()
                .AddOtlpExporter(otlp => otlp.Endpoint = endpoint));
        return builder;
    }
}
