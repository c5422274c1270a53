using BlogShop.Domain.Entities;
using BlogShop.Domain.Media;
using BlogShop.Signals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BlogShop.Domain.Receivers;

/// <summary>
/// An article's image file is deleted once the deletion of the article commits, and a replaced image once the
/// replacement commits; each deletion is logged. A rolled-back transaction deletes no file.
/// </summary>
[Receiver("post_delete", Sender = typeof(Article))]
[Receiver("pre_save", Sender = typeof(Article))]
internal sealed partial class DeleteArticleImageAfterCommit(IMediaStorage media, ILogger<DeleteArticleImageAfterCommit> logger)
    : ISignalReceiver<DeleteArgs>, ISignalReceiver<SaveArgs>
{
    public ValueTask HandleAsync(object? sender, DeleteArgs args, CancellationToken cancellationToken)
    {
        if (args.Instance is Article { Image: { Length: > 0 } image } article)
        {
            DeleteAfterCommit(args.Using, article.Id, image);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask HandleAsync(object? sender, SaveArgs args, CancellationToken cancellationToken)
    {
        if (args is { Created: false, Instance: Article article } && args.HasChanged(nameof(Article.Image)) &&
            args.GetPrevious<string>(nameof(Article.Image)) is { Length: > 0 } previous && previous != article.Image)
        {
            DeleteAfterCommit(args.Using, article.Id, previous);
        }

        return ValueTask.CompletedTask;
    }

    private void DeleteAfterCommit(DbContext db, int articleId, string image) =>
        db.OnCommit(async cancellationToken =>
        {
            if (await media.DeleteAsync(image, cancellationToken).ConfigureAwait(false))
            {
                LogDeleted(articleId, image);
            }
        });

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted image {Image} of article {ArticleId}")]
    private partial void LogDeleted(int articleId, string image);
}
