using BlogShop.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BlogShop.Tests.Browser;

public sealed class ArticleTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    [BrowserFact]
    public async Task A_written_article_is_published_with_its_slug_tags_and_word_count_and_listed()
    {
        var page = await NewPageAsync("/");
        await page.RegisterAsync(Person.Create("Dan", "Fry"));

        var path = await page.WriteArticleAsync("Signals in .NET", "Six words make up this body.", "dotnet, signals");

        Assert.Equal("/articles/signals-in-net", path);
        await Expect(page.Locator("article h1")).ToHaveTextAsync("Signals in .NET");
        await Expect(page.Locator("article")).ToContainTextAsync("6 words");
        await Expect(page.Locator("article a.badge")).ToHaveTextAsync(["dotnet", "signals"]);
        await GotoAsync(page, "/articles");
        await Expect(page.Locator($"a[href='{path}']")).ToContainTextAsync("Signals in .NET");
    }
}
