using System.Net;
using System.Text.RegularExpressions;
using BlogShop.Domain.Entities;
using BlogShop.Web.Controllers;

namespace BlogShop.Tests.Web.EndToEnd;

public sealed partial class CommentPagingTests(BlogShopFactory factory) : IClassFixture<BlogShopFactory>
{
    [Fact]
    public async Task An_article_shows_one_page_of_comments_oldest_first_with_links_to_the_others()
    {
        using var session = factory.NewSession();
        var slug = await ArticleWithCommentsAsync(session, "pager", 120);

        var first = await session.GetPageAsync($"/articles/{slug}");
        var last = await session.GetPageAsync($"/articles/{slug}?comments=3");

        Assert.Equal(ArticlesController.CommentsPageSize, CommentPattern().Count(first));
        Assert.Contains("Comments (120)", first, StringComparison.Ordinal);
        Assert.Contains("comment number 1.", first, StringComparison.Ordinal);
        Assert.DoesNotContain("comment number 51.", first, StringComparison.Ordinal);
        Assert.Contains($"href=\"/articles/{slug}?comments=3#comments\"", first, StringComparison.Ordinal);
        Assert.Equal(120 - (2 * ArticlesController.CommentsPageSize), CommentPattern().Count(last));
        Assert.Contains("comment number 120.", last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_comment_opens_the_last_page_where_it_is_shown()
    {
        using var session = factory.NewSession();
        var slug = await ArticleWithCommentsAsync(session, "poster", 60);

        using var response = await session.SubmitAsync($"/articles/{slug}", $"/articles/{slug}/comments", WebSession.Fields(("NewComment.Body", "The newest word.")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/articles/{slug}?comments=2#comments", response.Headers.Location!.OriginalString);
        Assert.Contains("The newest word.", await session.GetPageAsync($"/articles/{slug}?comments=2"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("999")]
    [InlineData("x")]
    public async Task A_comment_page_out_of_range_shows_the_nearest_page(string page)
    {
        using var session = factory.NewSession();
        var slug = await ArticleWithCommentsAsync(session, "range" + page, 3);

        var body = await session.GetPageAsync($"/articles/{slug}?comments={page}");

        Assert.Equal(3, CommentPattern().Count(body));
    }

    private async Task<string> ArticleWithCommentsAsync(WebSession session, string user, int count)
    {
        await session.RegisterAsync(user);
        var slug = await session.WriteArticleAsync("Talkative " + user);
        await factory.WithDbAsync(async db =>
        {
            var article = db.Articles.Single(a => a.Slug == slug);
            var start = DateTime.UtcNow.AddDays(-1);
            db.Comments.AddRange(Enumerable.Range(1, count).Select(i => new Comment
            {
                ArticleId = article.Id, AuthorId = article.AuthorId, Body = $"comment number {i}.", CreatedAt = start.AddSeconds(i),
            }));
            return await db.SaveChangesAsync();
        });
        return slug;
    }

    [GeneratedRegex("class=\"card mb-2 comment\"")]
    private static partial Regex CommentPattern();
}
