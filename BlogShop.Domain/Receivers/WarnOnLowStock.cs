using BlogShop.Domain.Entities;
using BlogShop.Signals;
using BlogShop.Signals.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BlogShop.Domain.Receivers;

/// <summary>
/// When a product is saved with its stock below <see cref="Product.LowStockThreshold"/> (a new product, or the stock
/// changed), every staff user gets a notification, written in the same transaction (so added in pre_save), and a
/// warning is logged once that transaction commits. Saves that leave the stock alone are quiet.
/// </summary>
[Receiver("pre_save", Sender = typeof(Product))]
internal sealed partial class WarnOnLowStock(ILogger<WarnOnLowStock> logger) : ISignalReceiver<SaveArgs>
{
    public async ValueTask HandleAsync(object? sender, SaveArgs args, CancellationToken cancellationToken)
    {
        if (args.Raw || args.Instance is not Product { Stock: < Product.LowStockThreshold } product ||
            !(args.Created || args.HasChanged(nameof(Product.Stock))))
        {
            return;
        }

        var db = args.Using;
        var (name, stock) = (product.Name, product.Stock);
        db.OnCommit(_ =>
        {
            LogLowStock(product.Id, name, stock);
            return Task.CompletedTask;
        });
        var staff = await db.Set<ApplicationUser>().Where(u => u.IsStaff).Select(u => u.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var staffId in staff)
        {
            db.Add(new Notification
            {
                RecipientId = staffId,
                Message = $"Low stock: '{product.Name}' has {product.Stock} left.",
            });
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Low stock: product {ProductId} '{ProductName}' has {Stock} left")]
    private partial void LogLowStock(int productId, string productName, int stock);
}
