using System.Net;
using System.Text;
using BlogShop.Domain.Media;
using BlogShop.Tests.Web.Uploads;

namespace BlogShop.Tests.Web.EndToEnd.Security;

/// <summary>What the site stores is a fresh encoding of an upload's pixels, through the real forms.</summary>
public sealed class UploadReencodingTests(BlogShopFactory factory) : IClassFixture<BlogShopFactory>
{
    [Fact]
    public async Task A_polyglot_cover_is_stored_and_served_as_the_clean_picture_with_a_thumbnail_on_the_list_page()
    {
        using var owner = factory.NewSession();
        await owner.RegisterAsync("polyglot");
        byte[] polyglot = [.. TestImages.Png(800, 600), .. "<script>alert(document.cookie)</script>"u8];

        var id = await owner.AddBookAsync("Polyglot", new Upload("Cover", "cover.png", "image/png", polyglot));

        var cover = (await factory.SingleOrDefaultAsync(db => db.Books.Where(b => b.Id == id).Select(b => b.Cover)))!;
        var stored = await File.ReadAllBytesAsync(Path.Combine(factory.MediaRoot, cover));
        Assert.DoesNotContain("<script", Encoding.Latin1.GetString(stored), StringComparison.Ordinal);
        using (var pixels = TestImages.Decode(stored))
        {
            Assert.Equal((800, 600), (pixels.Width, pixels.Height));
        }

        var thumbnail = MediaThumbnails.PathOf(cover);
        using (var thumb = TestImages.Decode(await File.ReadAllBytesAsync(Path.Combine(factory.MediaRoot, thumbnail))))
        {
            Assert.Equal((400, 300), (thumb.Width, thumb.Height));
        }

        var list = await owner.GetPageAsync("/books");
        Assert.Contains($"src=\"/media/{thumbnail}\"", list, StringComparison.Ordinal);
        Assert.DoesNotContain($"src=\"/media/{cover}\"", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decompression_bomb_is_refused_next_to_the_field_and_nothing_is_stored()
    {
        using var owner = factory.NewSession();
        await owner.RegisterAsync("bomber");
        var filesBefore = MediaFiles();

        using var response = await owner.SubmitAsync("/books/new", "/books/new", WebSession.Fields(("Title", "Bomb")),
            new Upload("Cover", "bomb.png", "image/png", TestImages.PngDeclaring(50000, 50000)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("data-valmsg-for=\"Cover\"[^>]*>The picture is 50000 × 50000 pixels; at most 4096 × 4096 are accepted.", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Null(await factory.SingleOrDefaultAsync(db => db.Books.Where(b => b.Title == "Bomb")));
        Assert.Equal(filesBefore, MediaFiles());
    }

    [Fact]
    public async Task A_profile_photo_loses_its_exif_location_and_is_stored_upright()
    {
        using var session = factory.NewSession();
        await session.RegisterAsync("traveller");
        var photo = TestImages.JpegWithExif(TestImages.Jpeg(60, 30), orientation: 6, secret: "GPS 51.5007N 0.1246W");

        using var response = await session.SubmitAsync("/profile/edit", "/profile/edit", WebSession.Fields(
            ("FirstName", "Tra"), ("LastName", "Veller"), ("Email", "traveller@example.com"), ("Bio", ""),
            ("AddressLine1", "1 Main St"), ("AddressLine2", ""), ("City", "London"), ("PostalCode", "SW1A 0AA"), ("Country", "UK")),
            new Upload("Picture", "photo.jpg", "image/jpeg", photo));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var picture = (await factory.SingleOrDefaultAsync(db => db.BillingProfiles.Where(p => p.User!.UserName == "traveller").Select(p => p.ProfileImage)))!;
        var stored = await File.ReadAllBytesAsync(Path.Combine(factory.MediaRoot, picture));
        Assert.DoesNotContain("51.5007", Encoding.Latin1.GetString(stored), StringComparison.Ordinal);
        Assert.DoesNotContain("Exif", Encoding.Latin1.GetString(stored), StringComparison.Ordinal);
        using var pixels = TestImages.Decode(stored);
        Assert.Equal((30, 60), (pixels.Width, pixels.Height));
    }

    private string[] MediaFiles() => Directory.Exists(factory.MediaRoot)
        ? [.. Directory.EnumerateFiles(factory.MediaRoot, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)]
        : [];
}
