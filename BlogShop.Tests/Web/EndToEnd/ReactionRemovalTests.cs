using System.Net;
using BlogShop.Domain.Entities;

namespace BlogShop.Tests.Web.EndToEnd;

public sealed class ReactionRemovalTests(BlogShopFactory factory) : IClassFixture<BlogShopFactory>
{
    [Fact]
    public async Task Taking_a_reaction_back_removes_it_and_tells_the_author_nothing()
    {
        using var author = factory.NewSession();
        using var reader = factory.NewSession();
        await author.RegisterAsync("told");
        var slug = await author.WriteArticleAsync("Take it back");
        await reader.RegisterAsync("undecided");
        await reader.ReactAsync(slug, "Like");

        var pressed = await reader.GetPageAsync($"/articles/{slug}");
        Assert.Contains($"formaction=\"/articles/{slug}/reactions/remove\"", pressed, StringComparison.Ordinal);

        using var response = await reader.SubmitAsync($"/articles/{slug}", $"/articles/{slug}/reactions/remove", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Empty(await factory.ListAsync(db => db.Reactions.Where(r => r.Article!.Slug == slug)));
        var page = await reader.GetPageAsync($"/articles/{slug}");
        Assert.Contains("data-count=\"Like\">0<", page, StringComparison.Ordinal);
        Assert.DoesNotContain("aria-pressed=\"true\"", page, StringComparison.Ordinal);
        var messages = await factory.ListAsync(db => db.Notifications.Where(n => n.Recipient!.UserName == "told").Select(n => n.Message));
        Assert.Equal(["undecided reacted with like to 'Take it back'."], messages);
    }

    [Fact]
    public async Task Taking_back_a_reaction_twice_at_once_is_fine()
    {
        using var author = factory.NewSession();
        await author.RegisterAsync("twice");
        var slug = await author.WriteArticleAsync("Twice");
        await author.ReactAsync(slug, nameof(ReactionKind.Wow));

        var token = await author.TokenAsync($"/articles/{slug}");

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            author.PostAsync($"/articles/{slug}/reactions/remove", WebSession.Fields(("__RequestVerificationToken", token))))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Empty(await factory.ListAsync(db => db.Reactions.Where(r => r.Article!.Slug == slug)));
    }
}
