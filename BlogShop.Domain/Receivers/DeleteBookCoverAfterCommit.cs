using BlogShop.Domain.Entities;
using BlogShop.Domain.Media;
using BlogShop.Signals;
using Microsoft.Extensions.Logging;

namespace BlogShop.Domain.Receivers;

/// <summary>
/// A book's cover file is deleted once the deletion of the book commits, and a replaced (or removed) cover once that
/// change commits. A rolled-back delete or replace deletes no file.
/// </summary>
[Receiver]
internal sealed class DeleteBookCoverAfterCommit(IMediaStorage media, ILogger<DeleteBookCoverAfterCommit> logger)
    : DeleteFileAfterCommit<Book>(media, logger, nameof(Book.Cover))
{
    protected override string? FileOf(Book entity) => entity.Cover;

    protected override int IdOf(Book entity) => entity.Id;
}
