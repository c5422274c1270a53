using BlogShop.Domain.Entities;
using BlogShop.Signals;
using BlogShop.Signals.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Domain.Receivers;

/// <summary>
/// A new comment notifies the article's author: a <see cref="Notification"/> and an outbox email, both written in
/// the transaction that saves the comment (post_save runs inside it, and what its receivers add is saved before the
/// commit). Authors commenting on their own article are not notified.
/// </summary>
[Receiver]
internal sealed class NotifyAuthorOfNewComment(TimeProvider time) : ISignalReceiver<PostSave<Comment>>
{
    public async ValueTask HandleAsync(object? sender, PostSave<Comment> args, CancellationToken cancellationToken)
    {
        if (!args.Created || args.Raw)
        {
            return;
        }

        var comment = args.Instance;
        var db = args.Context;
        var article = await db.Set<Article>()
            .Where(a => a.Id == comment.ArticleId)
            .Select(a => new { a.AuthorId, a.Title, a.Slug, AuthorEmail = a.Author!.Email })
            .SingleAsync(cancellationToken).ConfigureAwait(false);
        if (article.AuthorId == comment.AuthorId)
        {
            return;
        }

        var commenter = await db.Set<ApplicationUser>().Where(u => u.Id == comment.AuthorId)
            .Select(u => u.UserName).SingleAsync(cancellationToken).ConfigureAwait(false);
        var link = Links.Article(article.Slug);
        db.Add(new Notification
        {
            RecipientId = article.AuthorId,
            Message = $"{commenter} commented on '{article.Title}'.",
            Link = link,
        });

        if (article.AuthorEmail is { Length: > 0 } email)
        {
            var body = $"""
                {commenter} commented on your article "{article.Title}":

                {comment.Body}

                Read it on BlogShop: {link}
                """;
            db.Add(OutboxEmail.Create(email, $"New comment on '{article.Title}'", body, time.GetUtcNow().UtcDateTime));
        }
    }
}
