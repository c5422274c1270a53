using System.Net;
using BlogShop.Domain.Entities;

namespace BlogShop.Tests.Web.EndToEnd;

public sealed class CommentNotificationTests(BlogShopFactory factory) : IClassFixture<BlogShopFactory>
{
    private static readonly string[] ThreeComments = ["first comment", "second comment", "third comment"];

    [Fact]
    public async Task A_comment_notifies_the_author_in_the_site_and_queues_an_email_to_them()
    {
        using var author = factory.NewSession();
        using var reader = factory.NewSession();
        await author.RegisterAsync("author1");
        var slug = await author.WriteArticleAsync("Signals in practice");
        await reader.RegisterAsync("reader1");

        using var response = await reader.SubmitAsync($"/articles/{slug}", $"/articles/{slug}/comments", WebSession.Fields(("NewComment.Body", "Great read!")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Great read!", await reader.GetPageAsync($"/articles/{slug}"), StringComparison.Ordinal);
        var notifications = await author.GetPageAsync("/notifications");
        Assert.Contains("id=\"unread-count\" aria-label=\"1 unread\">1<", notifications, StringComparison.Ordinal);
        Assert.Contains("data-read=\"false\"", notifications, StringComparison.Ordinal);
        var emails = await factory.ListAsync(db => db.OutboxEmails.Where(e => e.To == "author1@example.com" && e.Body.Contains("Great read!")));
        Assert.Single(emails);
    }

    [Fact]
    public async Task Comments_on_ones_own_article_notify_nobody()
    {
        using var author = factory.NewSession();
        await author.RegisterAsync("author2");
        var slug = await author.WriteArticleAsync("Talking to myself");

        using var response = await author.SubmitAsync($"/articles/{slug}", $"/articles/{slug}/comments", WebSession.Fields(("NewComment.Body", "Note to self")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Empty(await factory.ListAsync(db => db.Notifications.Where(n => n.Recipient!.UserName == "author2" && n.Message.Contains("comment"))));
    }

    [Fact]
    public async Task Comments_are_shown_newest_last()
    {
        using var author = factory.NewSession();
        await author.RegisterAsync("author3");
        var slug = await author.WriteArticleAsync("Ordering");
        foreach (var text in ThreeComments)
        {
            using var response = await author.SubmitAsync($"/articles/{slug}", $"/articles/{slug}/comments", WebSession.Fields(("NewComment.Body", text)));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        var page = await author.GetPageAsync($"/articles/{slug}");

        var positions = ThreeComments.Select(t => page.IndexOf(t, StringComparison.Ordinal)).ToList();
        Assert.Equal(positions.Order(), positions);
        Assert.DoesNotContain(-1, positions);
    }

    [Fact]
    public async Task An_empty_comment_is_refused_next_to_the_field()
    {
        using var author = factory.NewSession();
        await author.RegisterAsync("author4");
        var slug = await author.WriteArticleAsync("Say something");

        using var response = await author.SubmitAsync($"/articles/{slug}", $"/articles/{slug}/comments", WebSession.Fields(("NewComment.Body", "")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("data-valmsg-for=\"NewComment.Body\"[^>]*>Write something first.", await response.Content.ReadAsStringAsync());
    }
}

public sealed class ReactionNotificationTests(BlogShopFactory factory) : IClassFixture<BlogShopFactory>
{
    [Fact]
    public async Task A_new_or_changed_reaction_notifies_the_author_and_the_same_reaction_again_does_not()
    {
        using var author = factory.NewSession();
        using var reader = factory.NewSession();
        await author.RegisterAsync("writer");
        var slug = await author.WriteArticleAsync("React to this");
        await reader.RegisterAsync("fan");

        await reader.ReactAsync(slug, nameof(ReactionKind.Like));
        Assert.Equal(1, await ReactionNotificationsAsync());

        await reader.ReactAsync(slug, nameof(ReactionKind.Like));
        Assert.Equal(1, await ReactionNotificationsAsync());

        await reader.ReactAsync(slug, nameof(ReactionKind.Love));
        Assert.Equal(2, await ReactionNotificationsAsync());

        var page = await reader.GetPageAsync($"/articles/{slug}");
        Assert.Contains("aria-pressed=\"true\" data-reaction=\"Love\"", page, StringComparison.Ordinal);
        Assert.Contains("data-count=\"Love\">1<", page, StringComparison.Ordinal);
        Assert.Contains("data-count=\"Like\">0<", page, StringComparison.Ordinal);
        Assert.Single(await factory.ListAsync(db => db.Reactions.Where(r => r.Article!.Slug == slug)));
    }

    private Task<int> ReactionNotificationsAsync() =>
        factory.WithDbAsync(db => Task.FromResult(db.Notifications.Count(n => n.Recipient!.UserName == "writer")));
}
