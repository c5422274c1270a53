using System.Collections.Concurrent;
using BlogShop.Tests.Infrastructure;
using BlogShop.Tests.Web.Signals;
using BlogShop.Web.Receivers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace BlogShop.Tests.Web.EndToEnd;

/// <summary>The site with one more Serilog sink next to the configured ones, capturing what the site logs.</summary>
public class LogCapturingBlogShopFactory : BlogShopFactory
{
    public LogCapture Capture { get; } = new();

    protected override void ConfigureMore(IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.AddSingleton<ILogEventSink>(Capture));
}

/// <summary>The site without the request signals, writing the request log line from its plain middleware instead.</summary>
public sealed class PlainRequestLogBlogShopFactory : LogCapturingBlogShopFactory
{
    protected override void ConfigureMore(IWebHostBuilder builder)
    {
        base.ConfigureMore(builder);
        builder.UseSetting("Signals:RequestSignals", "false").UseSetting("Signals:RequestLogWithoutSignals", "true");
    }
}

/// <summary>A Serilog sink (added by the site's <c>ReadFrom.Services</c>) keeping each event with its source and rendered text.</summary>
public sealed class LogCapture : ILogEventSink
{
    private static readonly MessageTemplateTextFormatter Text = new("{Message:lj}", System.Globalization.CultureInfo.InvariantCulture);

    public ConcurrentQueue<(string Category, LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        using var message = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        Text.Format(logEvent, message);
        var category = logEvent.Properties.TryGetValue("SourceContext", out var source) && source is ScalarValue { Value: string name } ? name : "";
        Entries.Enqueue((category, (LogLevel)(int)logEvent.Level, message.ToString(), logEvent.Exception));
    }
}

public sealed class RequestLoggingTests(LogCapturingBlogShopFactory factory) : IClassFixture<LogCapturingBlogShopFactory>
{
    [Fact]
    public async Task Every_finished_request_is_logged_with_its_id_user_path_status_and_elapsed_time()
    {
        using var session = factory.NewSession();
        await session.RegisterAsync("logged");

        _ = await session.GetPageAsync("/books?logged=1");

        await Eventually.TrueAsync(() => factory.Capture.Entries.Any(e =>
            e.Category == "BlogShop.Web.Receivers.LogFinishedRequest" && e.Level == LogLevel.Information &&
            System.Text.RegularExpressions.Regex.IsMatch(e.Message, @"^Request \S+ by logged: GET /books responded 200 in \d+(\.\d)? ms$")));
    }

    [Fact]
    public async Task A_failed_request_is_logged_as_an_error_with_the_request_id_the_error_page_shows()
    {
        using var session = factory.NewSession();

        using var response = await session.Client.GetAsync(new Uri("/test-only/fail", UriKind.Relative));
        var page = await response.Content.ReadAsStringAsync();
        var requestId = System.Text.RegularExpressions.Regex.Match(page, "<code id=\"request-id\">([^<]+)</code>").Groups[1].Value;

        Assert.NotEmpty(requestId);
        var entry = Assert.Single(factory.Capture.Entries, e => e.Category == "BlogShop.Web.Receivers.LogFailedRequest");
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Equal($"Request {requestId} by anonymous: GET /test-only/fail failed", entry.Message);
        Assert.Equal("The test page failed on purpose.", entry.Exception?.Message);
    }

    [Fact]
    public async Task The_request_log_receiver_is_resolved_once_for_the_host_not_in_each_requests_scope()
    {
        using var resolutions = new ServiceResolutions();
        using var session = factory.NewSession();
        int Logged() => factory.Capture.Entries.Count(e => e.Category == "BlogShop.Web.Receivers.LogFinishedRequest");
        var before = Logged();

        for (var i = 0; i < 3; i++)
        {
            _ = await session.GetPageAsync($"/books?resolved={i}");
        }

        await Eventually.TrueAsync(() => Logged() >= before + 3);
        // Once if no earlier test of this host made it handle a request, never once per request.
        Assert.InRange(resolutions.Of(typeof(LogFinishedRequest), factory.Services), 0, 1);
    }
}

public sealed class RequestLogWithoutSignalsTests(PlainRequestLogBlogShopFactory factory) : IClassFixture<PlainRequestLogBlogShopFactory>
{
    private const string MiddlewareCategory = "BlogShop.Web.Diagnostics.RequestLogMiddleware";

    [Fact]
    public async Task With_request_signals_off_the_middleware_writes_the_receivers_line_once_per_request()
    {
        using var session = factory.NewSession();
        await session.RegisterAsync("plainlog");

        _ = await session.GetPageAsync("/books?plain=1");

        var entry = Assert.Single(factory.Capture.Entries, e => e.Message.Contains("GET /books responded", StringComparison.Ordinal));
        Assert.Equal((MiddlewareCategory, LogLevel.Information), (entry.Category, entry.Level));
        Assert.Matches(@"^Request \S+ by plainlog: GET /books responded 200 in \d+(\.\d)? ms$", entry.Message);
        Assert.DoesNotContain(factory.Capture.Entries, e => e.Category.StartsWith("BlogShop.Web.Receivers.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/no-such-page", 404)]
    [InlineData("/test-only/fail", 500)]
    public async Task A_re_executed_request_is_logged_once_with_its_final_status(string path, int status)
    {
        using var session = factory.NewSession();

        using var response = await session.Client.GetAsync(new Uri(path, UriKind.Relative));
        _ = await response.Content.ReadAsStringAsync();

        Assert.Equal(status, (int)response.StatusCode);
        var entry = Assert.Single(factory.Capture.Entries, e => e.Category == MiddlewareCategory && e.Message.Contains($" {path} ", StringComparison.Ordinal));
        Assert.Matches($@"^Request \S+ by anonymous: GET {path} responded {status} in ", entry.Message);
        Assert.DoesNotContain(factory.Capture.Entries, e => e.Category == MiddlewareCategory &&
            (e.Message.Contains(" /status/", StringComparison.Ordinal) || e.Message.Contains(" /error ", StringComparison.Ordinal)));
    }
}
