using System.Collections.Concurrent;
using BlogShop.Tests.Web.Signals;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace BlogShop.Tests.Web.EndToEnd;

/// <summary>The site with one more Serilog sink next to the configured ones, capturing what the site logs.</summary>
public sealed class LogCapturingBlogShopFactory : BlogShopFactory
{
    public LogCapture Capture { get; } = new();

    protected override void ConfigureMore(IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.AddSingleton<ILogEventSink>(Capture));
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
}
