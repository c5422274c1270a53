using System.Net;
using BlogShop.Tests.Web.Signals;

namespace BlogShop.Tests.Web.EndToEnd;

public sealed class BookCoverTests(BlogShopFactory factory) : IClassFixture<BlogShopFactory>
{
    [Fact]
    public async Task An_uploaded_cover_is_served_with_its_image_type_and_deleting_the_book_deletes_the_file()
    {
        using var owner = factory.NewSession();
        await owner.RegisterAsync("librarian");
        var id = await owner.AddBookAsync("Dune", new Upload("Cover", "cover.bin", "application/octet-stream", WebSession.PngBytes));
        var cover = (await factory.SingleOrDefaultAsync(db => db.Books.Where(b => b.Id == id).Select(b => b.Cover)))!;
        var file = Path.Combine(factory.MediaRoot, cover);

        var thumbnail = Path.Combine(factory.MediaRoot, BlogShop.Domain.Media.MediaThumbnails.PathOf(cover));

        Assert.Contains($"src=\"/media/{BlogShop.Domain.Media.MediaThumbnails.PathOf(cover)}\"", await owner.GetPageAsync("/books"), StringComparison.Ordinal);
        using (var served = await owner.Client.GetAsync(new Uri($"/media/{cover}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
            using var pixels = Uploads.TestImages.Decode(await served.Content.ReadAsByteArrayAsync());
            Assert.Equal((1, 1), (pixels.Width, pixels.Height));
        }

        using var deleted = await owner.SubmitAsync($"/books/{id}/delete", $"/books/{id}/delete", []);

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Null(await factory.SingleOrDefaultAsync(db => db.Books.Where(b => b.Id == id)));
        await Eventually.TrueAsync(() => !File.Exists(file) && !File.Exists(thumbnail));
        using var gone = await owner.Client.GetAsync(new Uri($"/media/{cover}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_cover_that_is_not_an_image_is_refused_and_no_book_is_added()
    {
        using var owner = factory.NewSession();
        await owner.RegisterAsync("forger");

        using var response = await owner.SubmitAsync("/books/new", "/books/new", WebSession.Fields(("Title", "Fake")),
            new Upload("Cover", "cover.gif", "image/gif", "MZ\x90\0 not a gif"u8.ToArray()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("data-valmsg-for=\"Cover\"[^>]*>Only PNG, JPEG, GIF or WebP pictures can be uploaded.", await response.Content.ReadAsStringAsync());
        Assert.Null(await factory.SingleOrDefaultAsync(db => db.Books.Where(b => b.Title == "Fake")));
    }

    [Fact]
    public async Task Replacing_a_cover_serves_the_new_one_and_removes_the_old_file()
    {
        using var owner = factory.NewSession();
        await owner.RegisterAsync("designer");
        var id = await owner.AddBookAsync("Covers", new Upload("Cover", "a.png", "image/png", WebSession.PngBytes));
        var first = (await factory.SingleOrDefaultAsync(db => db.Books.Where(b => b.Id == id).Select(b => b.Cover)))!;

        using var response = await owner.SubmitAsync($"/books/{id}/edit", $"/books/{id}/edit", WebSession.Fields(("Title", "Covers")),
            new Upload("Cover", "b.jpg", "image/jpeg", Uploads.TestImages.Jpeg(8, 8)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var second = (await factory.SingleOrDefaultAsync(db => db.Books.Where(b => b.Id == id).Select(b => b.Cover)))!;
        Assert.EndsWith(".jpg", second, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => !File.Exists(Path.Combine(factory.MediaRoot, first)));
        using var served = await owner.Client.GetAsync(new Uri($"/media/{second}", UriKind.Relative));
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
    }
}
