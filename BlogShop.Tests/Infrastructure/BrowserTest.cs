using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BlogShop.Tests.Infrastructure;

/// <summary>
/// Base class of the real-browser tests: a fresh <see cref="BlogShopHost"/> per test on a real port, and browser
/// pages (one per simulated person, each in its own context so cookies are separate) on the shared Chromium.
/// When the test ends, pass or fail, every page it opened is saved as a full-page screenshot under
/// <c>test-output/screenshots/&lt;class&gt;/&lt;test&gt;[-n].png</c>, and the pages' console errors are
/// written to the test output.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public abstract class BrowserTest : IAsyncLifetime
{
    private readonly BrowserFixture browser;
    private readonly List<(IBrowserContext Context, IPage Page, string Name)> pages = [];
    private BlogShopHost? host;
    private Uri? baseAddress;

    protected BrowserTest(BrowserFixture browser, ITestOutputHelper output)
    {
        this.browser = browser;
        Output = output;
    }

    protected ITestOutputHelper Output { get; }

    /// <summary>The site under test, started on first use.</summary>
    protected BlogShopHost Host => host ??= CreateHost();

    /// <summary>The site's address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    protected Uri BaseAddress => baseAddress ??= Host.Start();

    /// <summary>Settings for this test's host, on top of <see cref="BlogShopHost"/>'s defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string?>? HostSettings => null;

    /// <summary>
    /// Opens a page for a new person (new browser context: no cookies) at <paramref name="path"/>.
    /// <paramref name="test"/> names the screenshot; leave it to the compiler.
    /// </summary>
    protected async Task<IPage> NewPageAsync(string path = "/", [CallerMemberName] string test = "")
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-US",
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var name = pages.Count == 0 ? test : $"{test}-{pages.Count + 1}";
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Output.WriteLine($"[{name}] browser console error: {message.Text}");
            }
        };
        page.PageError += (_, error) => Output.WriteLine($"[{name}] page error: {error}");
        pages.Add((context, page, name));
        await GotoAsync(page, path);
        return page;
    }

    /// <summary>Navigates and fails the test on an error status (the response is the page a person would see).</summary>
    protected static async Task<IResponse> GotoAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(path) ?? throw new InvalidOperationException($"No response for {path}.");
        Assert.True(response.Ok, $"GET {path} answered {response.Status} {response.StatusText}.");
        return response;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        var folder = TestOutput.Folder("screenshots", TestOutput.FileName(GetType().Name));
        foreach (var (context, page, name) in pages)
        {
            try
            {
                var file = Path.Combine(folder, TestOutput.FileName(name) + ".png");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
                Output.WriteLine($"screenshot of {page.Url}: {file}");
            }
            catch (PlaywrightException e)
            {
                Output.WriteLine($"[{name}] no screenshot: {e.Message}");
            }

            await context.CloseAsync();
        }

        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    private BlogShopHost CreateHost() => new(HostSettings);
}
