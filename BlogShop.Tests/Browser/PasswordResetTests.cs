using System.Text.RegularExpressions;
using BlogShop.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BlogShop.Tests.Browser;

public sealed partial class PasswordResetTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    [BrowserFact(Mail = true)]
    public async Task A_forgotten_password_is_reset_through_the_link_in_the_mail()
    {
        var rae = Person.Create("Rae", "Reset");
        var page = await NewPageAsync("/");
        await page.RegisterAsync(rae);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Log in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync(rae.Email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send me a link" }).ClickAsync();
        await Expect(page.Locator("#reset-sent")).ToContainTextAsync(rae.Email);

        using var mail = MailCatcher.FromEnvironment();
        var resetMail = (await mail.WaitForAsync(rae.Email, m => m.Any(x => x.Subject == "Reset your BlogShop password"), TimeSpan.FromSeconds(30)))
            .Single(m => m.Subject == "Reset your BlogShop password");
        var link = ResetLink().Match(resetMail.Text ?? "").Value;
        Assert.StartsWith(BaseAddress.ToString().TrimEnd('/'), link, StringComparison.Ordinal);
        await GotoAsync(page, link);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("Brand-New-Horse-7");
        await page.GetByLabel("New password again").FillAsync("Brand-New-Horse-7");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set the new password" }).ClickAsync();

        await Expect(page.Locator("#flash")).ToContainTextAsync("Your password has been reset.");
        await page.GetByLabel("Username or email").FillAsync(rae.UserName);
        await page.GetByLabel("Password").FillAsync("Brand-New-Horse-7");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.Locator("#flash")).ToContainTextAsync("You are logged in.");
        await Expect(page.Locator("#profile-link")).ToHaveTextAsync($"{rae.FirstName} {rae.LastName}");
    }

    [GeneratedRegex(@"https?://\S+/account/reset-password\?\S+")]
    private static partial Regex ResetLink();
}
