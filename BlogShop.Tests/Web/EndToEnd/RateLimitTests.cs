using System.Net;

namespace BlogShop.Tests.Web.EndToEnd;

public sealed class RateLimitTests(RateLimitedBlogShopFactory factory) : IClassFixture<RateLimitedBlogShopFactory>
{
    [Fact]
    public async Task Posting_comments_faster_than_the_limit_is_refused_with_429_and_nothing_is_saved()
    {
        using var session = factory.NewSession();
        await session.RegisterAsync("chatty");
        var slug = await session.WriteArticleAsync("Rate limits");
        var token = await TokenAsync(session, $"/articles/{slug}");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= RateLimitedBlogShopFactory.Limit; i++)
        {
            using var response = await session.PostAsync($"/articles/{slug}/comments",
                WebSession.Fields(("NewComment.Body", $"comment {i}"), ("__RequestVerificationToken", token)));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Redirect, RateLimitedBlogShopFactory.Limit), HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(RateLimitedBlogShopFactory.Limit, (await factory.ListAsync(db => db.Comments.Where(c => c.Article!.Slug == slug))).Count);
    }

    [Fact]
    public async Task Reading_pages_is_not_limited()
    {
        using var session = factory.NewSession();

        for (var i = 0; i < RateLimitedBlogShopFactory.Limit * 3; i++)
        {
            _ = await session.GetPageAsync("/articles");
        }
    }

    private static async Task<string> TokenAsync(WebSession session, string page)
    {
        var html = await session.GetPageAsync(page);
        var match = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}
