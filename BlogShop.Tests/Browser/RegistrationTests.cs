using BlogShop.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BlogShop.Tests.Browser;

public sealed class RegistrationTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    [BrowserFact(Mail = true)]
    public async Task Registering_signs_the_person_in_shows_their_new_profile_and_mails_a_welcome()
    {
        var ann = Person.Create("Ann", "Lee");
        var page = await NewPageAsync("/");

        await page.RegisterAsync(ann);

        await Expect(page.Locator("#flash")).ToContainTextAsync("Welcome, Ann!");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Ann Lee");
        await Expect(page.Locator("#profile-link")).ToHaveTextAsync("Ann Lee");
        await Expect(page.Locator("#bio")).ToHaveTextAsync("This is my bio.");
        var (width, _) = await page.Locator("#profile-picture").NaturalSizeAsync();
        Assert.True(width > 0, "The default profile picture did not load.");

        using var mail = MailCatcher.FromEnvironment();
        var mails = await mail.WaitForAsync(ann.Email, m => m.Any(w => w.Subject == "Welcome to BlogShop"), TimeSpan.FromSeconds(20));
        var welcome = Assert.Single(mails, m => m.Subject == "Welcome to BlogShop");
        Assert.Contains(ann.UserName, welcome.Text, StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task Registering_with_mismatched_passwords_shows_the_error_next_to_the_field()
    {
        var page = await NewPageAsync("/account/register");

        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("Correct-Horse-42");
        await page.GetByLabel("Password again", new() { Exact = true }).FillAsync("Wrong-Horse-42");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Register" }).ClickAsync();

        await Expect(page.Locator("span[data-valmsg-for='ConfirmPassword']")).ToHaveTextAsync("The passwords do not match.");
        await Expect(page.Locator("#profile-link")).ToHaveCountAsync(0);
    }
}
