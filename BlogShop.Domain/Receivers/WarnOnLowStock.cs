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
[Receiver]
internal sealed partial class WarnOnLowStock(ILogger<WarnOnLowStock> logger) : ISignalReceiver<PreSave<Product>>
{
    public async ValueTask HandleAsync(object? sender, PreSave<Product> args, CancellationToken cancellationToken)
    {
        var product = args.Instance;
        if (args.Raw || product.Stock >= Product.LowStockThreshold || !args.HasChanged(nameof(Product.Stock)))
        {
            return;
        }

        var db = args.Context;
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
