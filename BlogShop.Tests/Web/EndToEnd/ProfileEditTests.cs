using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Tests.Web.EndToEnd;

public sealed partial class ProfileEditTests(BlogShopFactory factory) : IClassFixture<BlogShopFactory>
{
    [Fact]
    public async Task Editing_the_profile_with_a_picture_stores_the_picture_and_shows_it()
    {
        using var session = factory.NewSession();
        await session.RegisterAsync("katherine");

        using var response = await session.SubmitAsync("/profile/edit", "/profile/edit", EditFields("Katherine", "Johnson", "Orbits."),
            new Upload("Picture", "me.txt", "text/plain", WebSession.PngBytes));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await session.GetPageAsync("/profile");
        Assert.Contains("Profile has been saved", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Orbits.", page, StringComparison.Ordinal);
        var shown = PicturePattern().Match(page).Groups[1].Value;
        Assert.StartsWith("profiles/", shown, StringComparison.Ordinal);
        Assert.EndsWith(".png", shown, StringComparison.Ordinal);
        var stored = await factory.SingleOrDefaultAsync(db => db.BillingProfiles.Include(p => p.User).Where(p => p.User!.UserName == "katherine"));
        Assert.Equal(shown, stored?.ProfileImage);
        using (var pixels = Uploads.TestImages.Decode(await File.ReadAllBytesAsync(Path.Combine(factory.MediaRoot, shown))))
        {
            Assert.Equal((1, 1), (pixels.Width, pixels.Height));
        }


        using var image = await session.Client.GetAsync(new Uri($"/media/{shown}", UriKind.Relative));
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_is_refused_next_to_the_field_and_nothing_is_stored()
    {
        using var session = factory.NewSession();
        await session.RegisterAsync("mallory");

        using var response = await session.SubmitAsync("/profile/edit", "/profile/edit", EditFields("Mallory", "Evil", "Changed bio"),
            new Upload("Picture", "innocent.png", "image/png", "<script>alert(1)</script>"u8.ToArray()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("data-valmsg-for=\"Picture\"[^>]*>Only PNG, JPEG, GIF or WebP pictures can be uploaded.", await response.Content.ReadAsStringAsync());
        var stored = await factory.SingleOrDefaultAsync(db => db.BillingProfiles.Include(p => p.User).Where(p => p.User!.UserName == "mallory"));
        Assert.Equal(BlogShop.Domain.Entities.BillingProfile.DefaultBio, stored?.Bio);
        Assert.False(Directory.Exists(Path.Combine(factory.MediaRoot, "profiles"))
            && Directory.EnumerateFiles(Path.Combine(factory.MediaRoot, "profiles")).Any(f => File.ReadAllText(f).Contains("alert", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_missing_first_name_is_shown_next_to_its_field()
    {
        using var session = factory.NewSession();
        await session.RegisterAsync("nameless");

        using var response = await session.SubmitAsync("/profile/edit", "/profile/edit", EditFields("", "Person", "bio"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("data-valmsg-for=\"FirstName\"[^>]*>The First name field is required.", await response.Content.ReadAsStringAsync());
    }

    private static KeyValuePair<string, string>[] EditFields(string first, string last, string bio) => WebSession.Fields(
        ("FirstName", first), ("LastName", last), ("Email", $"{first.ToLowerInvariant()}{last.ToLowerInvariant()}@example.org"), ("Bio", bio),
        ("AddressLine1", "1 Main St"), ("AddressLine2", ""), ("City", "Hampton"), ("PostalCode", "23666"), ("Country", "USA"));

    [GeneratedRegex("src=\"/media/([^\"]+)\" alt=\"Profile picture\"")]
    private static partial Regex PicturePattern();
}
