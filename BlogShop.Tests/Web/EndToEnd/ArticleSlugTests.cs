using System.Net;

namespace BlogShop.Tests.Web.EndToEnd;

public sealed class ArticleSlugTests(BlogShopFactory factory) : IClassFixture<BlogShopFactory>
{
    [Fact]
    public async Task An_article_with_emoji_in_its_title_is_published_and_opens()
    {
        using var author = factory.NewSession();
        await author.RegisterAsync("emoji");

        var slug = await author.WriteArticleAsync("Shipping 🚀 signals 👍🏽");

        Assert.Equal("shipping-signals", slug);
        Assert.Contains("Shipping 🚀 signals 👍🏽", WebUtility.HtmlDecode(await author.GetPageAsync($"/articles/{slug}")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("New")]
    [InlineData("edit")]
    public async Task An_article_titled_like_a_route_word_opens_as_itself(string title)
    {
        using var author = factory.NewSession();
        await author.RegisterAsync("router" + title);

        var slug = await author.WriteArticleAsync(title, body: "Words of " + title);

        Assert.NotEqual(title.ToLowerInvariant(), slug);
        Assert.Contains("Words of " + title, await author.GetPageAsync($"/articles/{slug}"), StringComparison.Ordinal);
    }
}
