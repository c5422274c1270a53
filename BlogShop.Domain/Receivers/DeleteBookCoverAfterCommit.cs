using BlogShop.Domain.Entities;
using BlogShop.Domain.Media;
using BlogShop.Signals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BlogShop.Domain.Receivers;

/// <summary>
/// A book's cover file is deleted once the deletion of the book commits, and a replaced (or removed) cover once that
/// change commits. A rolled-back delete or replace deletes no file.
/// </summary>
[Receiver("post_delete", Sender = typeof(Book))]
[Receiver("pre_save", Sender = typeof(Book))]
internal sealed partial class DeleteBookCoverAfterCommit(IMediaStorage media, ILogger<DeleteBookCoverAfterCommit> logger)
    : ISignalReceiver<DeleteArgs>, ISignalReceiver<SaveArgs>
{
    public ValueTask HandleAsync(object? sender, DeleteArgs args, CancellationToken cancellationToken)
    {
        if (args.Instance is Book { Cover: { Length: > 0 } cover } book)
        {
            DeleteAfterCommit(args.Using, book.Id, cover);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask HandleAsync(object? sender, SaveArgs args, CancellationToken cancellationToken)
    {
        if (args is { Created: false, Instance: Book book } && args.HasChanged(nameof(Book.Cover)) &&
            args.GetPrevious<string>(nameof(Book.Cover)) is { Length: > 0 } previous && previous != book.Cover)
        {
            DeleteAfterCommit(args.Using, book.Id, previous);
        }

        return ValueTask.CompletedTask;
    }

    private void DeleteAfterCommit(DbContext db, int bookId, string cover) =>
        db.OnCommit(async cancellationToken =>
        {
            if (await media.DeleteAsync(cover, cancellationToken).ConfigureAwait(false))
            {
                LogDeleted(bookId, cover);
            }
        });

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted cover {Cover} of book {BookId}")]
    private partial void LogDeleted(int bookId, string cover);
}
