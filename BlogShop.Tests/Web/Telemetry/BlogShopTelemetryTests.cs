using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using BlogShop.Tests.Web.EndToEnd;
using Microsoft.AspNetCore.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace BlogShop.Tests.Web.Telemetry;

public sealed class BlogShopTelemetryTests
{
    private const string TraceService = "opentelemetry.proto.collector.trace.v1.TraceService";
    private const string MetricsService = "opentelemetry.proto.collector.metrics.v1.MetricsService";

    [Fact]
    public void Without_an_endpoint_no_OpenTelemetry_is_registered()
    {
        var builder = WebApplication.CreateBuilder();

        builder.AddBlogShopTelemetry();

        Assert.DoesNotContain(builder.Services, d => d.ServiceType == typeof(TracerProvider));
    }

    [Fact]
    public async Task With_an_endpoint_the_sites_signal_sends_reach_the_collector_as_traces_and_metrics()
    {
        await using var collector = await OtlpCollector.StartAsync();
        await using var factory = new TelemetryBlogShopFactory(collector.Endpoint);
        using var session = factory.NewSession();

        await session.RegisterAsync("otel");

        Assert.True(factory.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));
        Assert.True(factory.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));
        Assert.True(collector.Received(TraceService, "send post_save"));
        Assert.True(collector.Received(TraceService, "CreateProfileForNewUser"));
        Assert.True(collector.Received(MetricsService, "blogshop.signals.sends"));
        Assert.True(collector.Received(MetricsService, "blogshop.signals.receiver.duration"));
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

/// <summary>The site exporting its telemetry to <paramref name="endpoint"/> (<c>OpenTelemetry:Endpoint</c>).</summary>
public sealed class TelemetryBlogShopFactory(Uri endpoint) : BlogShopFactory
{
    protected override void ConfigureMore(IWebHostBuilder builder) => builder.UseSetting("OpenTelemetry:Endpoint", endpoint.ToString());
}
