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

public sealed class EmojiTitleTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    [BrowserFact]
    public async Task An_article_with_emoji_in_its_title_is_published_and_listed()
    {
        var page = await NewPageAsync("/");
        await page.RegisterAsync(Person.Create("Em", "Oji"));

        var path = await page.WriteArticleAsync("Launch day 🚀🎉", "We shipped.", "");

        Assert.Equal("/articles/launch-day", path);
        await Expect(page.Locator("article h1")).ToHaveTextAsync("Launch day 🚀🎉");
        await GotoAsync(page, "/articles");
        await Expect(page.Locator($"a[href='{path}']")).ToContainTextAsync("Launch day 🚀🎉");
    }

    [BrowserFact]
    public async Task An_article_titled_new_opens_instead_of_the_new_article_form()
    {
        var page = await NewPageAsync("/");
        await page.RegisterAsync(Person.Create("Nu", "Title"));

        var path = await page.WriteArticleAsync("New", "Not a form.", "");

        Assert.NotEqual("/articles/new", path);
        await GotoAsync(page, path);
        await Expect(page.Locator("article h1")).ToHaveTextAsync("New");
    }
}
