using BlogShop.Domain.Entities;
using BlogShop.Tests.Domain.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Tests.Domain.Receivers;

public sealed class NotifyAuthorOfReactionChangeTests
{
    [ProviderTheory, OnEveryProvider]
    public async Task A_new_reaction_notifies_the_author(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var (author, reader, article) = await ArrangeAsync(host);

        await ReactAsync(host, article, reader, ReactionKind.Love);

        var notification = Assert.Single(await host.NotificationsForAsync(author.Id));
        Assert.Equal("bob reacted with love to 'Hello world'.", notification.Message);
    }

    [ProviderTheory, OnEveryProvider]
    public async Task Changing_the_kind_updates_the_same_row_and_notifies_again(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var (author, reader, article) = await ArrangeAsync(host);
        await ReactAsync(host, article, reader, ReactionKind.Like);

        await ReactAsync(host, article, reader, ReactionKind.Wow);

        var reaction = Assert.Single(await host.QueryAsync(db => db.Reactions.ToListAsync()));
        Assert.Equal(ReactionKind.Wow, reaction.Kind);
        var notifications = await host.NotificationsForAsync(author.Id);
        Assert.Equal(2, notifications.Count);
        Assert.Equal("bob changed their reaction to 'Hello world' to wow.", notifications[1].Message);
    }

    [ProviderTheory, OnEveryProvider]
    public async Task Saving_the_same_kind_again_notifies_nobody(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var (author, reader, article) = await ArrangeAsync(host);
        await ReactAsync(host, article, reader, ReactionKind.Sad);

        await ReactAsync(host, article, reader, ReactionKind.Sad);

        Assert.Single(await host.NotificationsForAsync(author.Id));
    }

    [ProviderTheory, OnEveryProvider]
    public async Task A_detached_update_is_compared_with_the_stored_kind(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var (author, reader, article) = await ArrangeAsync(host);
        var reaction = await ReactAsync(host, article, reader, ReactionKind.Laugh);

        foreach (var kind in new[] { ReactionKind.Laugh, ReactionKind.Angry })
        {
            await using var scoped = host.OpenDb();
            scoped.Db.Reactions.Update(new Reaction { Id = reaction.Id, ArticleId = article.Id, UserId = reader.Id, Kind = kind, CreatedAt = reaction.CreatedAt });
            await scoped.Db.SaveChangesAsync();
        }

        var notifications = await host.NotificationsForAsync(author.Id);
        Assert.Equal(["bob reacted with laugh to 'Hello world'.", "bob changed their reaction to 'Hello world' to angry."], notifications.Select(n => n.Message));
    }

    [ProviderTheory, OnEveryProvider]
    public async Task Reacting_to_ones_own_article_notifies_nobody(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var (author, _, article) = await ArrangeAsync(host);

        await ReactAsync(host, article, author, ReactionKind.Like);

        Assert.Empty(await host.NotificationsForAsync(author.Id));
    }

    [ProviderTheory, OnEveryProvider]
    public async Task A_second_reaction_row_for_the_same_user_and_article_is_refused(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var (_, reader, article) = await ArrangeAsync(host);
        await ReactAsync(host, article, reader, ReactionKind.Like);

        await using var scoped = host.OpenDb();
        scoped.Db.Reactions.Add(new Reaction { ArticleId = article.Id, UserId = reader.Id, Kind = ReactionKind.Love });
        await Assert.ThrowsAsync<DbUpdateException>(() => scoped.Db.SaveChangesAsync());
    }

    private static async Task<(ApplicationUser Author, ApplicationUser Reader, Article Article)> ArrangeAsync(DomainHost host)
    {
        var author = await host.CreateUserAsync("kay");
        var reader = await host.CreateUserAsync("bob");
        return (author, reader, await host.ArticleAsync(author));
    }

    /// <summary>What the site does: update the user's reaction row if there is one, else add it.</summary>
    private static async Task<Reaction> ReactAsync(DomainHost host, Article article, ApplicationUser user, ReactionKind kind)
    {
        await using var scoped = host.OpenDb();
        var reaction = await scoped.Db.Reactions.SingleOrDefaultAsync(r => r.ArticleId == article.Id && r.UserId == user.Id);
        if (reaction is null)
        {
            reaction = new Reaction { ArticleId = article.Id, UserId = user.Id };
            scoped.Db.Reactions.Add(reaction);
        }

        reaction.Kind = kind;
        await scoped.Db.SaveChangesAsync();
        return reaction;
    }
}
