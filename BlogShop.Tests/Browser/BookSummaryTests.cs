using BlogShop.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BlogShop.Tests.Browser;

public sealed class BookSummaryTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    [BrowserFact]
    public async Task The_owner_writes_a_summary_on_the_book_form_and_sees_it_on_the_book_page()
    {
        var page = await NewPageAsync("/");
        await page.RegisterAsync(Person.Create("Sue", "Summer"));
        await page.AddBookAsync("Notes on the Engine", cover: null);
        await Expect(page.Locator("#summary")).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await page.GetByLabel("Summary").FillAsync("Notes A to G.\nNote G holds the first program.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(page.Locator("#flash")).ToContainTextAsync("\"Notes on the Engine\" has been saved.");
        await Expect(page.Locator("#summary")).ToHaveTextAsync("Notes A to G.\nNote G holds the first program.");
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await Expect(page.GetByLabel("Summary")).ToHaveValueAsync("Notes A to G.\nNote G holds the first program.");
    }
}
