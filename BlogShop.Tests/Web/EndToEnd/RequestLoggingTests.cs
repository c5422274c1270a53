using System.Collections.Concurrent;
using BlogShop.Tests.Web.Signals;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlogShop.Tests.Web.EndToEnd;

/// <summary>The site with one more logging provider next to Serilog, capturing what the site logs.</summary>
public sealed class LogCapturingBlogShopFactory : BlogShopFactory
{
    public LogCapture Capture { get; } = new();

    protected override void ConfigureMore(IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(Capture));
}

public sealed class LogCapture : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture.Entries.Enqueue((category, logLevel, formatter(state, exception), exception));
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
