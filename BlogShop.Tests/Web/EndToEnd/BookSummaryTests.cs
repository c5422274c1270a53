using System.Net;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Tests.Web.EndToEnd;

public sealed class BookSummaryTests(BlogShopFactory factory) : IClassFixture<BlogShopFactory>
{
    [Fact]
    public async Task The_summary_is_written_on_the_book_form_and_shown_on_the_book_page()
    {
        using var owner = factory.NewSession();
        await owner.RegisterAsync("summarist1");

        using var added = await owner.SubmitAsync("/books/new", "/books/new", WebSession.Fields(("Title", "Summed up"), ("Summary", "First words.")));
        var id = int.Parse(added.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("First words.", await owner.GetPageAsync($"/books/{id}"), StringComparison.Ordinal);
        Assert.Contains("First words.</textarea>", await owner.GetPageAsync($"/books/{id}/edit"), StringComparison.Ordinal);

        using var edited = await owner.SubmitAsync($"/books/{id}/edit", $"/books/{id}/edit", WebSession.Fields(("Title", "Summed up"), ("Summary", "Better words.")));

        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Contains("id=\"summary\" style=\"white-space:pre-line\">Better words.", await owner.GetPageAsync($"/books/{id}"), StringComparison.Ordinal);
        Assert.Equal(["Better words."], await factory.WithDbAsync(db => db.Summaries.Where(s => s.BookId == id).Select(s => s.Content).ToListAsync()));
    }

    [Fact]
    public async Task A_summary_that_is_too_long_is_refused_next_to_the_field_and_nothing_changes()
    {
        using var owner = factory.NewSession();
        await owner.RegisterAsync("summarist2");
        var id = await owner.AddBookAsync("Short summary");

        using var tooLong = await owner.SubmitAsync($"/books/{id}/edit", $"/books/{id}/edit", WebSession.Fields(("Title", "Short summary"), ("Summary", new string('x', 5001))));

        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        Assert.Matches("data-valmsg-for=\"Summary\"[^>]*>[^<]*maximum length of 5000", await tooLong.Content.ReadAsStringAsync());
        Assert.Equal([""], await factory.WithDbAsync(db => db.Summaries.Where(s => s.BookId == id).Select(s => s.Content).ToListAsync()));
    }
}
