using System.Net;

namespace BlogShop.Tests.Web.EndToEnd;

public sealed class OwnershipTests(BlogShopFactory factory) : IClassFixture<BlogShopFactory>
{
    [Fact]
    public async Task Another_user_can_neither_edit_nor_delete_a_book()
    {
        using var owner = factory.NewSession();
        using var other = factory.NewSession();
        await owner.RegisterAsync("bookowner");
        var id = await owner.AddBookAsync("Mine");
        await other.RegisterAsync("bookthief");
        var token = await TokenFromAsync(other, "/books/new");

        using var editPage = await other.Client.GetAsync(new Uri($"/books/{id}/edit", UriKind.Relative));
        using var edit = await other.PostAsync($"/books/{id}/edit", WebSession.Fields(("Title", "Stolen"), ("__RequestVerificationToken", token)));
        using var delete = await other.PostAsync($"/books/{id}/delete", WebSession.Fields(("__RequestVerificationToken", token)));

        Assert.Equal(HttpStatusCode.Forbidden, editPage.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal("Mine", await factory.SingleOrDefaultAsync(db => db.Books.Where(b => b.Id == id).Select(b => b.Title)));
        Assert.DoesNotContain($"/books/{id}/edit", await other.GetPageAsync($"/books/{id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_user_can_neither_edit_nor_delete_an_article()
    {
        using var author = factory.NewSession();
        using var other = factory.NewSession();
        await author.RegisterAsync("articleowner");
        var slug = await author.WriteArticleAsync("Hands off");
        await other.RegisterAsync("vandal");
        var token = await TokenFromAsync(other, "/articles/new");

        using var edit = await other.PostAsync($"/articles/{slug}/edit", WebSession.Fields(("Title", "Defaced"), ("Body", "x"), ("Tags", ""), ("__RequestVerificationToken", token)));
        using var delete = await other.PostAsync($"/articles/{slug}/delete", WebSession.Fields(("__RequestVerificationToken", token)));

        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal("Hands off", await factory.SingleOrDefaultAsync(db => db.Articles.Where(a => a.Slug == slug).Select(a => a.Title)));
    }

    [Fact]
    public async Task The_author_can_edit_title_and_tags()
    {
        using var author = factory.NewSession();
        await author.RegisterAsync("editor");
        var slug = await author.WriteArticleAsync("Draft title", tags: "draft, dotnet");

        using var edit = await author.SubmitAsync($"/articles/{slug}/edit", $"/articles/{slug}/edit",
            WebSession.Fields(("Title", "Final title"), ("Body", "Now with more words in it."), ("Tags", "dotnet, signals")));

        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        var tags = await factory.ListAsync(db => db.Articles.Where(a => a.Slug == slug).SelectMany(a => a.Tags).Select(t => t.Name));
        Assert.Equal(["dotnet", "signals"], tags.Order(StringComparer.Ordinal));
        Assert.Equal("Final title", await factory.SingleOrDefaultAsync(db => db.Articles.Where(a => a.Slug == slug).Select(a => a.Title)));
    }

    [Fact]
    public async Task The_author_deletes_an_article_after_confirming_and_it_is_gone()
    {
        using var author = factory.NewSession();
        await author.RegisterAsync("remover");
        var slug = await author.WriteArticleAsync("Short-lived");

        Assert.Contains("Delete “Short-lived”?", await author.GetPageAsync($"/articles/{slug}/delete"), StringComparison.Ordinal);
        using var deleted = await author.SubmitAsync($"/articles/{slug}/delete", $"/articles/{slug}/delete", []);

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        using var gone = await author.Client.GetAsync(new Uri($"/articles/{slug}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_post_without_an_antiforgery_token_is_refused()
    {
        using var session = factory.NewSession();
        await session.RegisterAsync("forgetful");

        using var response = await session.PostAsync("/books/new", WebSession.Fields(("Title", "No token")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await factory.SingleOrDefaultAsync(db => db.Books.Where(b => b.Title == "No token")));
    }

    private static async Task<string> TokenFromAsync(WebSession session, string page)
    {
        var html = await session.GetPageAsync(page);
        var match = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        return System.Net.WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}
