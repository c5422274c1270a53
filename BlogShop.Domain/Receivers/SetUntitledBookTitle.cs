using BlogShop.Domain.Entities;
using BlogShop.Signals;
using BlogShop.Signals.EntityFrameworkCore;

namespace BlogShop.Domain.Receivers;

/// <summary>A book saved without a title is titled "Untitled".</summary>
[Receiver]
internal sealed class SetUntitledBookTitle : ISignalReceiver<PreSave<Book>>
{
    public ValueTask HandleAsync(object? sender, PreSave<Book> args, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(args.Instance.Title))
        {
            args.Instance.Title = Book.UntitledTitle;
        }

        return ValueTask.CompletedTask;
    }
}
