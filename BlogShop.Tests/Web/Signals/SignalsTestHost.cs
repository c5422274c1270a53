using BlogShop.Signals;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BlogShop.Tests.Web.Signals;

/// <summary>A minimal web host on a TestServer with the signals middleware behind an exception handler.</summary>
internal static class SignalsTestHost
{
    public static async Task<WebApplication> StartAsync(Action<IServiceCollection>? services = null, Action<WebApplication>? endpoints = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Services.AddSignals(s => s.AddWebSignals());
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseExceptionHandler("/error");
        app.UseSignals();
        app.MapGet("/error", () => Results.Problem("failed"));
        app.MapGet("/ok", () => "ok");
        app.MapGet("/fail", string () => throw new InvalidOperationException("boom"));
        endpoints?.Invoke(app);
        await app.StartAsync();
        return app;
    }
}

/// <summary>Waits for something a signal does after the response reached the client (request_finished).</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("The condition did not become true within 10 seconds.");
            }

            await Task.Delay(10);
        }
    }

    public static async Task TrueAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("The condition did not become true within 10 seconds.");
            }

            await Task.Delay(50);
        }
    }
}
