using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlogShop.Tests.Web.Telemetry;

/// <summary>
/// A minimal OTLP/gRPC collector on a loopback port: Kestrel speaking HTTP/2 without TLS, as an OpenTelemetry
/// collector does on 4317. It keeps each export call's path and body and answers every call with gRPC's OK and an
/// empty response message.
/// </summary>
internal sealed class OtlpCollector : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpCollector(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Path, byte[] Body)> Exports { get; } = new();

    public Uri Endpoint { get; private set; } = null!;

    public static async Task<OtlpCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        var collector = new OtlpCollector(app);
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            collector.Exports.Enqueue((context.Request.Path.Value ?? "", body.ToArray()));
            context.Response.ContentType = "application/grpc";
            context.Response.AppendTrailer("grpc-status", "0");
            // One gRPC frame: not compressed, length 0 (an empty Export*ServiceResponse).
            await context.Response.Body.WriteAsync(new byte[5]);
        });
        await app.StartAsync();
        var address = app.Urls.Single();
        collector.Endpoint = new Uri(address);
        return collector;
    }

    /// <summary>True when an export to <paramref name="service"/> carried <paramref name="text"/> (protobuf keeps strings as UTF-8).</summary>
    public bool Received(string service, string text)
    {
        var wanted = System.Text.Encoding.UTF8.GetBytes(text);
        return Exports.Any(e => e.Path.EndsWith(service + "/Export", StringComparison.Ordinal) && e.Body.AsSpan().IndexOf(wanted) >= 0);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
