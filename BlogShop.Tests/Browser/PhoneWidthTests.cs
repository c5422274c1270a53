using BlogShop.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BlogShop.Tests.Browser;

/// <summary>The site on a phone (390 px wide, an iPhone 12-15): nothing wider than the screen, the menu opens.</summary>
public sealed class PhoneWidthTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    [BrowserFact]
    public async Task At_390_pixels_the_pages_fit_the_screen_and_the_menu_shows_the_persons_name()
    {
        var page = await NewPageAsync("/");
        await page.SetViewportSizeAsync(390, 844);
        await page.RegisterAsync(Person.Create("Phoebe", "Phone"));
        var path = await page.WriteArticleAsync("A rather long title for a small screen 📱 with words", string.Join(' ', Enumerable.Repeat("word", 200)), "phones, screens");
        await page.Locator("button[data-reaction=Love]").ClickAsync();
        await page.GetByLabel("Your comment").FillAsync("Reads well on a phone.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
        await page.AddBookAsync("Pocket book", null);

        foreach (var address in new[] { "/", path, "/books", "/profile", "/profile/edit", "/articles/new", "/notifications", "/signals" })
        {
            await GotoAsync(page, address);
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{address} is {overflow} px wider than the 390 px screen.");
        }

        await GotoAsync(page, "/");
        var toggler = page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" });
        await Expect(toggler).ToBeVisibleAsync();
        await Expect(page.Locator("#profile-link")).ToBeHiddenAsync();
        await toggler.ClickAsync();
        await Expect(page.Locator("#profile-link")).ToHaveTextAsync("Phoebe Phone");
    }

    [BrowserFact]
    public async Task The_footer_stays_at_the_bottom_of_a_short_page()
    {
        var page = await NewPageAsync("/account/login");

        foreach (var (width, height) in new[] { (1280, 900), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            var bottom = await page.Locator("footer").EvaluateAsync<double>("footer => footer.getBoundingClientRect().bottom");
            Assert.InRange(bottom, height - 1, height + 1);
        }
    }
}
