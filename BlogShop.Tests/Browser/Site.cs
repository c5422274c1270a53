using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlogShop.Tests.Browser;

/// <summary>Someone using the site in a test; the username and email are unique to the test run.</summary>
internal sealed record Person(string FirstName, string LastName, string UserName, string Email, string Password)
{
    public static Person Create(string firstName, string lastName)
    {
        var unique = Guid.NewGuid().ToString("N")[..10];
        var userName = $"{firstName.ToLowerInvariant()}.{unique}";
        return new Person(firstName, lastName, userName, $"{userName}@example.test", "Correct-Horse-42");
    }
}

/// <summary>What a person does on the site, the way they do it: through the forms, by label and button name.</summary>
internal static class Site
{
    /// <summary>Fills in the registration form and lands on the new profile page.</summary>
    public static async Task RegisterAsync(this IPage page, Person person)
    {
        await page.GotoAsync("/account/register");
        await page.GetByLabel("First name", new() { Exact = true }).FillAsync(person.FirstName);
        await page.GetByLabel("Last name", new() { Exact = true }).FillAsync(person.LastName);
        await page.GetByLabel("Username", new() { Exact = true }).FillAsync(person.UserName);
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(person.Email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(person.Password);
        await page.GetByLabel("Password again", new() { Exact = true }).FillAsync(person.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        try
        {
            await Expect(page).ToHaveURLAsync(new Uri(new Uri(page.Url), "/profile").ToString());
        }
        catch (PlaywrightException e)
        {
            var errors = await page.Locator(".text-danger:not(:empty)").AllInnerTextsAsync();
            throw new InvalidOperationException($"Registering {person.UserName} did not reach the profile page; the form says: {string.Join(" | ", errors)}", e);
        }
    }

    /// <summary>Writes and publishes an article; returns its address (the page it lands on).</summary>
    public static async Task<string> WriteArticleAsync(this IPage page, string title, string body, string tags)
    {
        await page.GotoAsync("/articles/new");
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        await page.GetByLabel("Body", new() { Exact = true }).FillAsync(body);
        await page.GetByLabel("Tags (comma-separated)").FillAsync(tags);
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Expect(page.Locator("#flash")).ToContainTextAsync("Your article has been published.");
        return new Uri(page.Url).AbsolutePath;
    }

    /// <summary>Adds a book, with a cover when <paramref name="cover"/> is given; lands on the book's page.</summary>
    public static async Task AddBookAsync(this IPage page, string title, FilePayload? cover)
    {
        await page.GotoAsync("/books/new");
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        if (cover is not null)
        {
            await page.Locator("#Cover").SetInputFilesAsync(cover);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
    }

    /// <summary>The size in pixels the browser decoded an image to (0 x 0 when it could not load it).</summary>
    public static async Task<(int Width, int Height)> NaturalSizeAsync(this ILocator image)
    {
        await Expect(image).ToBeVisibleAsync();
        await image.EvaluateAsync("img => img.complete || new Promise(done => { img.onload = done; img.onerror = done; })");
        var size = await image.EvaluateAsync<int[]>("img => [img.naturalWidth, img.naturalHeight]");
        return (size[0], size[1]);
    }

    public static FilePayload Png(string name, int width, int height, (byte, byte, byte) colour) =>
        new() { Name = name, MimeType = "image/png", Buffer = TestImages.Png(width, height, colour) };

    /// <summary>A text file dressed up as a PNG: right name, right Content-Type, wrong bytes.</summary>
    public static FilePayload TextPretendingToBePng(string name) =>
        new() { Name = name, MimeType = "image/png", Buffer = "this is not a picture, just text"u8.ToArray() };
}
