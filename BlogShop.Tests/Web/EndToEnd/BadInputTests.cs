using System.Net;
using BlogShop.Domain.Entities;
using BlogShop.Tests.Infrastructure;

namespace BlogShop.Tests.Web.EndToEnd;

/// <summary>Input no form sends but anyone can: a clear 400 (or the value ignored), never a 500, nothing stored.</summary>
public abstract class BadInputTests<TFactory>(TFactory factory)
    where TFactory : BlogShopFactory
{
    [DatabaseFact]
    public async Task A_nul_character_in_the_query_string_is_a_400()
    {
        using var visitor = factory.NewSession();

        foreach (var path in new[] { "/articles?tag=%00", "/articles?tag=a%00b", "/?page=1%00", "/books?x=%00" })
        {
            using var response = await visitor.Client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"GET {path} answered {(int)response.StatusCode}");
        }
    }

    [DatabaseFact]
    public async Task A_nul_character_in_a_posted_field_is_a_400_and_nothing_is_stored()
    {
        using var author = factory.NewSession();
        await author.RegisterAsync(Unique("nul"));
        var slug = await author.WriteArticleAsync("Nul " + Guid.NewGuid().ToString("N"));

        using var response = await author.SubmitAsync($"/articles/{slug}", $"/articles/{slug}/comments", WebSession.Fields(("NewComment.Body", "bad\0byte")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await factory.ListAsync(db => db.Comments.Where(c => c.Article!.Slug == slug)));
    }

    [DatabaseFact]
    public async Task Unusable_paging_and_tag_values_are_ignored()
    {
        using var visitor = factory.NewSession();

        foreach (var path in new[] { "/articles?page=abc", "/articles?page=-3", "/articles?page=99999999999999", "/articles?tag=" + new string('x', 5000), "/articles?tag=%FF%FE" })
        {
            using var response = await visitor.Client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}");
        }
    }

    [DatabaseFact]
    public async Task An_invalid_reaction_kind_is_a_400_and_nothing_is_stored_or_told()
    {
        using var author = factory.NewSession();
        using var reader = factory.NewSession();
        var authorName = await author.RegisterAsync(Unique("ka"));
        var slug = await author.WriteArticleAsync("Kinds " + Guid.NewGuid().ToString("N"));
        await reader.RegisterAsync(Unique("kr"));
        var token = await reader.TokenAsync($"/articles/{slug}");

        foreach (var kind in new[] { "99", "-1", "Meh", "", "Like,Love", "1.5" })
        {
            using var response = await reader.PostAsync($"/articles/{slug}/reactions", WebSession.Fields(("kind", kind), ("__RequestVerificationToken", token)));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"kind={kind} answered {(int)response.StatusCode}");
        }

        Assert.Empty(await factory.ListAsync(db => db.Reactions.Where(r => r.Article!.Slug == slug)));
        Assert.Empty(await factory.ListAsync(db => db.Notifications.Where(n => n.Recipient!.UserName == authorName)));
    }

    [DatabaseFact]
    public async Task A_posted_slug_field_does_not_redirect_a_comment_to_another_article()
    {
        using var author = factory.NewSession();
        await author.RegisterAsync(Unique("rs"));
        var target = await author.WriteArticleAsync("Target " + Guid.NewGuid().ToString("N"));
        var other = await author.WriteArticleAsync("Other " + Guid.NewGuid().ToString("N"));

        using var response = await author.SubmitAsync($"/articles/{target}", $"/articles/{target}/comments",
            WebSession.Fields(("NewComment.Body", "Where do I land?"), ("slug", other)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Single(await factory.ListAsync(db => db.Comments.Where(c => c.Article!.Slug == target)));
        Assert.Empty(await factory.ListAsync(db => db.Comments.Where(c => c.Article!.Slug == other)));
    }

    [DatabaseFact]
    public async Task A_posted_id_field_does_not_change_which_book_is_edited()
    {
        using var owner = factory.NewSession();
        await owner.RegisterAsync(Unique("ri"));
        var first = await owner.AddBookAsync("First");
        var second = await owner.AddBookAsync("Second");

        using var response = await owner.SubmitAsync($"/books/{first}/edit", $"/books/{first}/edit",
            WebSession.Fields(("Title", "Renamed"), ("id", second.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Id", second.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Renamed", await factory.SingleOrDefaultAsync(db => db.Books.Where(b => b.Id == first).Select(b => b.Title)));
        Assert.Equal("Second", await factory.SingleOrDefaultAsync(db => db.Books.Where(b => b.Id == second).Select(b => b.Title)));
    }

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];
}

public sealed class SqliteBadInputTests(BlogShopFactory factory)
    : BadInputTests<BlogShopFactory>(factory), IClassFixture<BlogShopFactory>;

public sealed class PostgresBadInputTests(PostgresBlogShopFactory factory)
    : BadInputTests<PostgresBlogShopFactory>(factory), IClassFixture<PostgresBlogShopFactory>, IPostgresTests;
