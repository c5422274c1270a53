using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace BlogShop.Tests.Web.Telemetry;

public sealed class BlogShopTelemetryTests
{
    [Fact]
    public void Without_an_endpoint_no_OpenTelemetry_is_registered()
    {
        var builder = WebApplication.CreateBuilder();

        builder.AddBlogShopTelemetry();

        Assert.DoesNotContain(builder.Services, d => d.ServiceType == typeof(TracerProvider));
    }

    [Fact]
    public void With_an_endpoint_the_signals_source_is_traced_and_exported()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["OpenTelemetry:Endpoint"] = "http://127.0.0.1:4317" });

        builder.AddBlogShopTelemetry();
        using var services = builder.Services.BuildServiceProvider();
        var tracer = services.GetRequiredService<TracerProvider>();

        using var activity = new System.Diagnostics.ActivitySource(BlogShopTelemetryExtensions.SignalsSource).StartActivity("probe");
        Assert.NotNull(tracer);
        Assert.NotNull(activity);
    }

    [Fact]
    public void An_endpoint_that_is_not_an_http_uri_is_refused_with_the_key()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["OpenTelemetry:Endpoint"] = "collector:4317" });

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddBlogShopTelemetry());

        Assert.Contains("OpenTelemetry:Endpoint", error.Message, StringComparison.Ordinal);
    }
}
