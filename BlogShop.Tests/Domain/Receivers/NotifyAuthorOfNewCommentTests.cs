using BlogShop.Domain.Entities;
using BlogShop.Tests.Domain.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Tests.Domain.Receivers;

public sealed class NotifyAuthorOfNewCommentTests
{
    [ProviderTheory, OnEveryProvider]
    public async Task A_comment_by_someone_else_notifies_the_author_and_queues_an_email(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var author = await host.CreateUserAsync("kay");
        var reader = await host.CreateUserAsync("bob");
        var article = await host.ArticleAsync(author, "On signals");

        await AddCommentAsync(host, article, reader, "Great read!");

        var notification = Assert.Single(await host.NotificationsForAsync(author.Id));
        Assert.Equal("bob commented on 'On signals'.", notification.Message);
        Assert.Equal("/articles/on-signals", notification.Link);
        Assert.False(notification.IsRead);
        var email = Assert.Single(await host.OutboxForAsync("kay@example.test"), e => e.Subject.StartsWith("New comment", StringComparison.Ordinal));
        Assert.Contains("Great read!", email.Body, StringComparison.Ordinal);
        Assert.Empty(await host.NotificationsForAsync(reader.Id));
    }

    [ProviderTheory, OnEveryProvider]
    public async Task The_email_links_to_the_article_under_the_configured_public_address(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider, new Dictionary<string, string?> { ["Site:BaseUrl"] = "https://blog.example.org/shop/" });
        var author = await host.CreateUserAsync("kay");
        var reader = await host.CreateUserAsync("bob");
        var article = await host.ArticleAsync(author, "On signals");

        await AddCommentAsync(host, article, reader, "Great read!");

        var email = Assert.Single(await host.OutboxForAsync("kay@example.test"), e => e.Subject.StartsWith("New comment", StringComparison.Ordinal));
        Assert.Contains("Read it on BlogShop: https://blog.example.org/shop/articles/on-signals", email.Body, StringComparison.Ordinal);
    }

    [ProviderTheory, OnEveryProvider]
    public async Task Commenting_on_ones_own_article_notifies_nobody(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var author = await host.CreateUserAsync("kay");
        var article = await host.ArticleAsync(author);

        await AddCommentAsync(host, article, author, "Edit: typo fixed.");

        Assert.Empty(await host.NotificationsForAsync(author.Id));
        Assert.DoesNotContain(await host.OutboxForAsync("kay@example.test"), e => e.Subject.StartsWith("New comment", StringComparison.Ordinal));
    }

    [ProviderTheory, OnEveryProvider]
    public async Task Editing_a_comment_notifies_nobody_again(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var author = await host.CreateUserAsync("kay");
        var reader = await host.CreateUserAsync("bob");
        var article = await host.ArticleAsync(author);
        var comment = await AddCommentAsync(host, article, reader, "First");

        await using (var scoped = host.OpenDb())
        {
            (await scoped.Db.Comments.SingleAsync(c => c.Id == comment.Id)).Body = "First (edited)";
            await scoped.Db.SaveChangesAsync();
        }

        Assert.Single(await host.NotificationsForAsync(author.Id));
    }

    [ProviderTheory, OnEveryProvider]
    public async Task A_rolled_back_comment_leaves_no_notification_and_no_email(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var author = await host.CreateUserAsync("kay");
        var reader = await host.CreateUserAsync("bob");
        var article = await host.ArticleAsync(author);

        await using (var scoped = host.OpenDb())
        {
            await using var transaction = await scoped.Db.Database.BeginTransactionAsync();
            scoped.Db.Comments.Add(new Comment { ArticleId = article.Id, AuthorId = reader.Id, Body = "Never mind" });
            await scoped.Db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        Assert.Empty(await host.NotificationsForAsync(author.Id));
        Assert.DoesNotContain(await host.OutboxForAsync("kay@example.test"), e => e.Subject.StartsWith("New comment", StringComparison.Ordinal));
    }

    private static async Task<Comment> AddCommentAsync(DomainHost host, Article article, ApplicationUser author, string body)
    {
        var comment = new Comment { ArticleId = article.Id, AuthorId = author.Id, Body = body };
        await using var scoped = host.OpenDb();
        scoped.Db.Comments.Add(comment);
        await scoped.Db.SaveChangesAsync();
        return comment;
    }
}
