using BlogShop.Domain.Entities;
using BlogShop.Signals;
using BlogShop.Signals.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Domain.Receivers;

/// <summary>
/// A new reaction, or a reaction whose kind changed from its stored value, notifies the article's author. Saving the
/// same kind again notifies nobody, and nor do reactions to one's own article.
/// </summary>
[Receiver]
internal sealed class NotifyAuthorOfReactionChange : ISignalReceiver<PreSave<Reaction>>
{
    public async ValueTask HandleAsync(object? sender, PreSave<Reaction> args, CancellationToken cancellationToken)
    {
        if (args.Raw || !args.HasChanged(nameof(Reaction.Kind)))
        {
            return;
        }

        var reaction = args.Instance;
        var db = args.Context;
        var article = await db.Set<Article>()
            .Where(a => a.Id == reaction.ArticleId)
            .Select(a => new { a.AuthorId, a.Title, a.Slug })
            .SingleAsync(cancellationToken).ConfigureAwait(false);
        if (article.AuthorId == reaction.UserId)
        {
            return;
        }

        var reader = await db.Set<ApplicationUser>().Where(u => u.Id == reaction.UserId)
            .Select(u => u.UserName).SingleAsync(cancellationToken).ConfigureAwait(false);
        var kind = reaction.Kind.ToString().ToLowerInvariant();
        db.Add(new Notification
        {
            RecipientId = article.AuthorId,
            Message = args.Created
                ? $"{reader} reacted with {kind} to '{article.Title}'."
                : $"{reader} changed their reaction to '{article.Title}' to {kind}.",
            Link = Links.Article(article.Slug),
        });
    }
}
