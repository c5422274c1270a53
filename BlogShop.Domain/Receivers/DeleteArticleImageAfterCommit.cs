using BlogShop.Domain.Entities;
using BlogShop.Domain.Media;
using BlogShop.Signals;
using Microsoft.Extensions.Logging;

namespace BlogShop.Domain.Receivers;

/// <summary>
/// An article's image file is deleted once the deletion of the article commits, and a replaced image once the
/// replacement commits; each deletion is logged. A rolled-back transaction deletes no file.
/// </summary>
[Receiver]
internal sealed class DeleteArticleImageAfterCommit(IMediaStorage media, ILogger<DeleteArticleImageAfterCommit> logger)
    : DeleteFileAfterCommit<Article>(media, logger, nameof(Article.Image))
{
    protected override string? FileOf(Article entity) => entity.Image;

    protected override int IdOf(Article entity) => entity.Id;
}
