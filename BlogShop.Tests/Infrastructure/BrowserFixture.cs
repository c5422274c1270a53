using Microsoft.Playwright;

namespace BlogShop.Tests.Infrastructure;

/// <summary>
/// One headless Chromium (Debian's, at <see cref="TestServers.Chromium"/>) shared by the browser tests of a run.
/// Each test gets its own browser contexts (own cookies and storage) from <see cref="BrowserTest"/>.
/// Playwright's bundled driver is used as shipped; its own browser download (<c>playwright install</c>) is never
/// needed. When Chromium is absent the fixture starts nothing and the [BrowserFact] tests skip.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
    ];

    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>The running browser; throws when Chromium was not available (the tests should have skipped).</summary>
    public IBrowser Browser => browser ?? throw new InvalidOperationException(
        "Chromium is not running: set BLOGSHOP_TEST_CHROMIUM or install Debian's chromium (./test.sh does both).");

    public async Task InitializeAsync()
    {
        if (TestServers.Chromium is not { } chromium)
        {
            return;
        }

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 60_000,
        });
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
    }
}

/// <summary>The browser tests share one Chromium and run one at a time (each drives a real host on 2 cores).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserTestGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
