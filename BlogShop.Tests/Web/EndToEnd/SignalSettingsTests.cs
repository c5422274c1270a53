using System.Collections.Concurrent;
using BlogShop.Signals.AspNetCore;
using BlogShop.Tests.Web.Signals;
using BlogShop.Web.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace BlogShop.Tests.Web.EndToEnd;

/// <summary>The site with <c>Signals:RequestSignals=false</c>: the pipeline has no <c>app.UseSignals()</c>.</summary>
public sealed class NoRequestSignalsBlogShopFactory : BlogShopFactory
{
    protected override void ConfigureMore(IWebHostBuilder builder) => builder.UseSetting("Signals:RequestSignals", "false");
}

/// <summary>The site outside Development with <c>Diagnostics:RecordSignals=true</c>.</summary>
public sealed class RecordingBlogShopFactory : BlogShopFactory
{
    protected override void ConfigureMore(IWebHostBuilder builder) => builder.UseSetting("Diagnostics:RecordSignals", "true");
}

public sealed class RequestSignalsSettingTests
{
    [Fact]
    public async Task With_request_signals_off_a_request_sends_neither_request_started_nor_request_finished()
    {
        await using var factory = new NoRequestSignalsBlogShopFactory();
        using var session = factory.NewSession();
        var sent = new ConcurrentQueue<string>();
        factory.Signals.RequestStarted.Connect((_, _) => sent.Enqueue("request_started"));
        factory.Signals.RequestFinished.Connect((_, _) => sent.Enqueue("request_finished"));

        _ = await session.GetPageAsync("/books");
        _ = await session.GetPageAsync("/health");

        Assert.Empty(sent);
    }

    [Fact]
    public async Task By_default_a_request_sends_request_started_and_request_finished()
    {
        await using var factory = new BlogShopFactory();
        using var session = factory.NewSession();
        var sent = new ConcurrentQueue<string>();
        factory.Signals.RequestStarted.Connect((_, _) => sent.Enqueue("request_started"));
        factory.Signals.RequestFinished.Connect((_, _) => sent.Enqueue("request_finished"));

        _ = await session.GetPageAsync("/health");

        await Eventually.TrueAsync(() => sent.Count == 2);
        Assert.Equal(["request_started", "request_finished"], sent);
    }
}

public sealed class SignalRecordingDefaultTests
{
    [Fact]
    public async Task Outside_development_the_recorder_is_off_by_default_and_the_signals_page_says_so()
    {
        await using var factory = new BlogShopFactory();
        using var session = await StaffSessionAsync(factory, "offstaff");

        _ = await session.GetPageAsync("/books");
        var page = await session.GetPageAsync("/signals");

        Assert.Contains("id=\"recording-off\"", page, StringComparison.Ordinal);
        Assert.Empty(factory.Services.GetRequiredService<SignalTraceRecorder>().Recent);
    }

    [Fact]
    public async Task Outside_development_RecordSignals_true_turns_the_recorder_on()
    {
        await using var factory = new RecordingBlogShopFactory();
        using var session = await StaffSessionAsync(factory, "onstaff");

        _ = await session.GetPageAsync("/books?recorded=1");
        var page = await session.GetPageAsync("/signals");

        Assert.DoesNotContain("id=\"recording-off\"", page, StringComparison.Ordinal);
        Assert.Contains("GET /books?recorded=1", page, StringComparison.Ordinal);
    }

    private static async Task<WebSession> StaffSessionAsync(BlogShopFactory factory, string userName)
    {
        var session = factory.NewSession();
        await session.RegisterAsync(userName);
        await factory.WithDbAsync(async db =>
        {
            db.Users.Single(u => u.UserName == userName).IsStaff = true;
            return await db.SaveChangesAsync();
        });
        return session;
    }
}
