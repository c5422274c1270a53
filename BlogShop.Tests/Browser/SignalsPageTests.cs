using BlogShop.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BlogShop.Tests.Browser;

public sealed class SignalsPageTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    [BrowserFact]
    public async Task The_simulator_opens_its_request_with_save_then_delete_and_the_title_filled_in()
    {
        var page = await NewPageAsync("/");
        var person = Person.Create("Sim", "Ulator");
        await page.RegisterAsync(person);
        await GotoAsync(page, "/signals");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save a book and watch" }).ClickAsync();

        var row = page.Locator("details.signal-request[open]");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator(".request-user")).ToHaveTextAsync(person.UserName);
        await Expect(row.Locator(".request-path")).ToHaveTextAsync("/signals/try-book");
        var bookSignals = row.Locator("li.signal").Filter(new() { Has = page.Locator(".signal-sender", new() { HasTextString = "Book" }) })
            .Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("(pre|post)_(save|delete)") });
        await Expect(bookSignals.Locator("code.signal-name")).ToHaveTextAsync(["pre_save", "post_save", "pre_delete", "post_delete"]);
        var title = bookSignals.First.Locator("dd[data-arg=Title]");
        await Expect(title.Locator(".arg-before")).ToHaveTextAsync("\"\"");
        await Expect(title.Locator(".arg-value")).ToHaveTextAsync("\"Untitled\"");
        await Expect(bookSignals.First.Locator(".receiver-name")).ToContainTextAsync(["SetUntitledBookTitle"]);
        await Expect(bookSignals.Nth(2).Locator(".no-receivers")).ToBeVisibleAsync();
        await GotoAsync(page, "/books");
        await Expect(page.GetByText("Untitled")).ToHaveCountAsync(0);
    }

    [BrowserFact]
    public async Task A_request_of_another_person_appears_without_a_reload_and_opens_to_its_timeline()
    {
        var watcher = await NewPageAsync("/signals");
        var marker = Guid.NewGuid().ToString("N")[..8];
        await watcher.EvaluateAsync("() => window.notReloaded = true");
        var visitor = await NewPageAsync("/");

        await GotoAsync(visitor, $"/articles?visit={marker}");

        var row = watcher.Locator("details.signal-request", new() { Has = watcher.Locator(".request-path", new() { HasTextString = $"/articles?visit={marker}" }) });
        await Expect(row).ToHaveCountAsync(1, new() { Timeout = 10_000 });
        await Expect(row.Locator(".request-user")).ToHaveTextAsync("anonymous");
        await Expect(row.Locator(".request-status")).ToHaveTextAsync("200");
        Assert.True(await watcher.EvaluateAsync<bool>("() => window.notReloaded === true"));
        await row.Locator("summary").ClickAsync();
        await Expect(row.Locator("li.signal code.signal-name").First).ToHaveTextAsync("request_started");
        await Expect(row.Locator("li.signal code.signal-name", new() { HasTextString = "template_rendered" }).First).ToBeVisibleAsync();
        await Expect(watcher.Locator(".request-path", new() { HasTextString = "/css/site.css" })).ToHaveCountAsync(0);
    }
}
