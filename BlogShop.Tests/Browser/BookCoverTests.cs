using BlogShop.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BlogShop.Tests.Browser;

public sealed class BookCoverTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    [BrowserFact]
    public async Task An_uploaded_cover_is_shown_on_the_book_and_in_the_list()
    {
        var page = await NewPageAsync("/");
        await page.RegisterAsync(Person.Create("Gil", "Hope"));

        await page.AddBookAsync("The Observer Pattern", Site.Png("cover.png", 61, 89, (20, 90, 200)));

        await Expect(page.Locator("#flash")).ToContainTextAsync("\"The Observer Pattern\" has been added.");
        Assert.Equal((61, 89), await page.Locator("#cover").NaturalSizeAsync());
        await GotoAsync(page, "/books");
        Assert.Equal((61, 89), await page.GetByAltText("Cover of The Observer Pattern").NaturalSizeAsync());
    }

    [BrowserFact]
    public async Task Deleting_a_book_takes_its_cover_off_the_site()
    {
        var page = await NewPageAsync("/");
        await page.RegisterAsync(Person.Create("Ivy", "Jones"));
        await page.AddBookAsync("Short-lived", Site.Png("cover.png", 40, 60, (10, 160, 60)));
        var cover = await page.Locator("#cover").GetAttributeAsync("src") ?? throw new InvalidOperationException("No cover src.");
        Assert.Equal(200, (await page.APIRequest.GetAsync(cover)).Status);
        var coverFile = Path.Combine(Host.MediaFolder, cover["/media/".Length..]);
        Assert.True(File.Exists(coverFile), $"The cover is not stored at {coverFile}.");

        await page.GetByRole(AriaRole.Link, new() { Name = "Delete" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();

        await Expect(page.Locator("#flash")).ToContainTextAsync("\"Short-lived\" has been deleted.");
        await Expect(page.GetByText("Short-lived")).ToHaveCountAsync(1); // only in the flash message
        await Expect(page.Locator("img[alt='Cover of Short-lived']")).ToHaveCountAsync(0);
        Assert.Equal(404, (await page.APIRequest.GetAsync(cover)).Status);
        Assert.False(File.Exists(coverFile), "The cover file outlived its book.");
    }

    [BrowserFact]
    public async Task A_file_that_is_not_an_image_is_refused_next_to_the_cover_field_and_no_book_is_added()
    {
        var page = await NewPageAsync("/");
        await page.RegisterAsync(Person.Create("Kai", "Lund"));

        await page.AddBookAsync("Not a picture", Site.TextPretendingToBePng("cover.png"));

        await Expect(page.Locator("#cover-error")).ToHaveTextAsync("Only PNG, JPEG, GIF or WebP pictures can be uploaded.");
        Assert.Empty(UploadedFiles());
        await GotoAsync(page, "/books");
        await Expect(page.GetByText("Not a picture")).ToHaveCountAsync(0);
    }

    /// <summary>The files in the host's media folder other than the site's built-in default pictures.</summary>
    private List<string> UploadedFiles()
    {
        var defaults = Path.Combine(Host.MediaFolder, "defaults") + Path.DirectorySeparatorChar;
        return Directory.Exists(Host.MediaFolder)
            ? Directory.EnumerateFiles(Host.MediaFolder, "*", SearchOption.AllDirectories).Where(f => !f.StartsWith(defaults, StringComparison.Ordinal)).ToList()
            : [];
    }
}
