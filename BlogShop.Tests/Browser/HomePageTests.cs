using BlogShop.Tests.Infrastructure;
using Xunit.Abstractions;

namespace BlogShop.Tests.Browser;

public sealed class HomePageTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    [BrowserFact]
    public async Task The_home_page_renders_with_its_stylesheet_in_a_real_browser()
    {
        var page = await NewPageAsync("/");

        Assert.Contains("BlogShop", await page.TitleAsync(), StringComparison.OrdinalIgnoreCase);
        // The layout's Bootstrap stylesheet really loaded: the navbar is laid out as flex by it.
        var display = await page.Locator("nav.navbar").EvaluateAsync<string>("e => getComputedStyle(e).display");
        Assert.Equal("flex", display);
    }
}
