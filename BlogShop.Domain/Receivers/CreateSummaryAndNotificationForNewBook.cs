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
[Receiver("post_save", Sender = typeof(Book))]
internal sealed class CreateSummaryAndNotificationForNewBook : ISignalReceiver<SaveArgs>
{
    public async ValueTask HandleAsync(object? sender, SaveArgs args, CancellationToken cancellationToken)
    {
        if (args is not { Created: true, Raw: false, Instance: Book book })
        {
            return;
        }

        var db = args.Using;
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
