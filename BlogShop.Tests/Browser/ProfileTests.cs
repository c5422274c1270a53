using BlogShop.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BlogShop.Tests.Browser;

public sealed class ProfileTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    [BrowserFact]
    public async Task Editing_the_profile_with_a_picture_shows_the_new_details_and_picture()
    {
        var page = await NewPageAsync("/");
        await page.RegisterAsync(Person.Create("Bea", "Moss"));
        var defaultPicture = await page.Locator("#profile-picture").GetAttributeAsync("src");

        await page.GetByRole(AriaRole.Link, new() { Name = "Edit profile" }).ClickAsync();
        await page.GetByLabel("Bio", new() { Exact = true }).FillAsync("I read books about signals.");
        await page.GetByLabel("City", new() { Exact = true }).FillAsync("Lisbon");
        await page.Locator("#Picture").SetInputFilesAsync(Site.Png("me.png", 37, 23, (200, 40, 40)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(page.Locator("#flash")).ToContainTextAsync("Your profile has been saved.");
        await Expect(page.Locator("#bio")).ToHaveTextAsync("I read books about signals.");
        await Expect(page.Locator("address")).ToContainTextAsync("Lisbon");
        var picture = page.Locator("#profile-picture");
        Assert.NotEqual(defaultPicture, await picture.GetAttributeAsync("src"));
        Assert.Equal((37, 23), await picture.NaturalSizeAsync());
    }

    [BrowserFact]
    public async Task A_file_that_is_not_an_image_is_refused_next_to_the_picture_field_and_the_picture_stays()
    {
        var page = await NewPageAsync("/");
        await page.RegisterAsync(Person.Create("Cy", "Dent"));
        var defaultPicture = await page.Locator("#profile-picture").GetAttributeAsync("src");

        await GotoAsync(page, "/profile/edit");
        await page.Locator("#Picture").SetInputFilesAsync(Site.TextPretendingToBePng("me.png"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(page.Locator("#picture-error")).ToHaveTextAsync("Only PNG, JPEG, GIF or WebP pictures can be uploaded.");
        await GotoAsync(page, "/profile");
        Assert.Equal(defaultPicture, await page.Locator("#profile-picture").GetAttributeAsync("src"));
    }
}

public sealed class RemovePictureTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    [BrowserFact]
    public async Task Removing_the_picture_brings_back_the_default_and_deletes_the_file()
    {
        var page = await NewPageAsync("/");
        await page.RegisterAsync(Person.Create("Rem", "Ove"));
        var defaultPicture = await page.Locator("#profile-picture").GetAttributeAsync("src");
        await GotoAsync(page, "/profile/edit");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Remove picture" })).ToHaveCountAsync(0);
        await page.Locator("#Picture").SetInputFilesAsync(Site.Png("me.png", 30, 30, (10, 200, 10)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator("#flash")).ToContainTextAsync("Your profile has been saved.");
        var uploaded = (await page.Locator("#profile-picture").GetAttributeAsync("src"))!;
        var file = Path.Combine(Host.MediaFolder, uploaded["/media/".Length..]);
        Assert.True(File.Exists(file));

        await GotoAsync(page, "/profile/edit");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove picture" }).ClickAsync();

        await Expect(page.Locator("#flash")).ToContainTextAsync("Your picture has been removed.");
        Assert.Equal(defaultPicture, await page.Locator("#profile-picture").GetAttributeAsync("src"));
        Assert.False(File.Exists(file));
    }
}

public sealed class InvalidFieldTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    [BrowserFact]
    public async Task An_invalid_field_is_outlined_in_red_next_to_its_message()
    {
        var page = await NewPageAsync("/");
        await page.RegisterAsync(Person.Create("Out", "Line"));
        await GotoAsync(page, "/profile/edit");
        var firstName = page.GetByLabel("First name", new() { Exact = true });
        var city = page.GetByLabel("City", new() { Exact = true });

        await firstName.FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(page.Locator("span[data-valmsg-for=FirstName]")).Not.ToBeEmptyAsync();
        await Expect(firstName).ToHaveCSSAsync("border-top-color", "rgb(220, 53, 69)");
        await Expect(city).Not.ToHaveCSSAsync("border-top-color", "rgb(220, 53, 69)");
    }
}
