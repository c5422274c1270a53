using System.Net;
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
        _ = await session.GetPageAsync("/health/live");

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

        _ = await session.GetPageAsync("/health/live");

        await Eventually.TrueAsync(() => sent.Count == 2);
        Assert.Equal(["request_started", "request_finished"], sent);
    }
}

public sealed class SignalRecordingDefaultTests
{
    [Fact]
    public async Task Outside_development_the_recorder_is_off_by_default_and_the_signals_page_is_not_found()
    {
        await using var factory = new BlogShopFactory();
        using var session = await StaffSessionAsync(factory, "offstaff");

        _ = await session.GetPageAsync("/books");
        var response = await session.Client.GetAsync(new Uri("/signals", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var recorder = factory.Services.GetRequiredService<SignalTraceRecorder>();
        Assert.False(recorder.IsRecording);
        Assert.Empty(recorder.Recent(includeHidden: true));
    }

    [Fact]
    public async Task Outside_development_RecordSignals_true_turns_the_recorder_on()
    {
        await using var factory = new RecordingBlogShopFactory();
        using var session = await StaffSessionAsync(factory, "onstaff");

        _ = await session.GetPageAsync("/books?recorded=1");
        var page = await session.GetPageAsync("/signals");

        Assert.Contains("/books?recorded=1", page, StringComparison.Ordinal);
        Assert.Contains(factory.Services.GetRequiredService<SignalTraceRecorder>().Recent(includeHidden: false), r => r.Path == "/books?recorded=1");
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
