using BlogShop.Domain.Entities;
using BlogShop.Signals;
using BlogShop.Signals.EntityFrameworkCore;

namespace BlogShop.Domain.Receivers;

/// <summary>A book saved without a title is titled "Untitled".</summary>
[Receiver("pre_save", Sender = typeof(Book))]
internal sealed class SetUntitledBookTitle : ISignalReceiver<SaveArgs>
{
    public ValueTask HandleAsync(object? sender, SaveArgs args, CancellationToken cancellationToken)
    {
        if (args.Instance is Book book && string.IsNullOrWhiteSpace(book.Title))
        {
            book.Title = Book.UntitledTitle;
        }

        return ValueTask.CompletedTask;
    }
}
