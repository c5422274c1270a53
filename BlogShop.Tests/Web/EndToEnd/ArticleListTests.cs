using System.Text.RegularExpressions;

namespace BlogShop.Tests.Web.EndToEnd;

public sealed partial class ArticleListTests(BlogShopFactory factory) : IClassFixture<BlogShopFactory>
{
    [Fact]
    public async Task Articles_are_listed_newest_first_ten_per_page_and_filtered_by_tag()
    {
        using var author = factory.NewSession();
        await author.RegisterAsync("prolific");
        for (var i = 1; i <= 12; i++)
        {
            await author.WriteArticleAsync($"Article number {i}", tags: i % 4 == 0 ? "fourth" : "");
        }

        var first = Titles(await author.GetPageAsync("/articles"));
        var second = Titles(await author.GetPageAsync("/articles?page=2"));
        var tagged = Titles(await author.GetPageAsync("/articles?tag=fourth"));

        Assert.Equal(10, first.Count);
        Assert.Equal("Article number 12", first[0]);
        Assert.Equal(["Article number 2", "Article number 1"], second);
        Assert.Equal(["Article number 12", "Article number 8", "Article number 4"], tagged);
    }

    private static List<string> Titles(string page) => [.. TitlePattern().Matches(page).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("<h2 class=\"h5 mb-1\">([^<]+)</h2>")]
    private static partial Regex TitlePattern();
}
