using BlogShop.Domain.Entities;
using BlogShop.Signals;
using BlogShop.Signals.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Domain.Receivers;

/// <summary>
/// A new book gets its (empty) <see cref="Summary"/> and its owner a notification "A book titled '...' was added."
/// linking to the book. Updates and raw saves (fixtures) do neither.
/// </summary>
/// <remarks>
/// Django's post_save: the link needs the book's generated key, known only after the insert. post_save runs inside the
/// transaction that writes the book (the caller's, or one the signals open), and the rows saved here commit with it: the book, its summary and the notification are stored together or not at all.
/// </remarks>
[Receiver]
internal sealed class CreateSummaryAndNotificationForNewBook : ISignalReceiver<PostSave<Book>>
{
    public async ValueTask HandleAsync(object? sender, PostSave<Book> args, CancellationToken cancellationToken)
    {
        if (!args.Created || args.Raw)
        {
            return;
        }

        var book = args.Instance;
        var db = args.Context;
        var hasSummary = book.Summary is not null ||
            db.ChangeTracker.Entries<Summary>().Any(e => e.Entity.BookId == book.Id && e.State != EntityState.Deleted);
        if (!hasSummary)
        {
            db.Add(new Summary { BookId = book.Id });
        }

        db.Add(new Notification
        {
            RecipientId = book.OwnerId,
            Message = $"A book titled '{book.Title}' was added.",
            Link = Links.Book(book.Id),
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
