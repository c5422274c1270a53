using BlogShop.Domain.Entities;
using BlogShop.Signals;
using BlogShop.Signals.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlogShop.Domain.Receivers;

/// <summary>
/// When a product's stock crosses below <see cref="Product.LowStockThreshold"/> (a new product saved low, or an update
/// whose previous stock was at or above the threshold), every staff user gets a notification and an outbox email,
/// written in the transaction that saves the stock, and a warning is logged once that transaction commits.
/// Saves that leave the stock alone, and further sales while the stock stays low, are quiet: staff hear of it once
/// per crossing, and again only after the stock was raised to the threshold or above and fell again.
/// </summary>
[Receiver]
internal sealed partial class WarnOnLowStock(TimeProvider time, IOptions<SiteOptions> site, ILogger<WarnOnLowStock> logger) : ISignalReceiver<PreSave<Product>>
{
    public async ValueTask HandleAsync(object? sender, PreSave<Product> args, CancellationToken cancellationToken)
    {
        var product = args.Instance;
        if (args.Raw || product.Stock >= Product.LowStockThreshold || !CrossedTheLine(args))
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
        var staff = await db.Set<ApplicationUser>().Where(u => u.IsStaff).Select(u => new { u.Id, u.Email })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var message = $"Low stock: '{name}' has {stock} left.";
        var link = product.Id == 0 ? null : Links.Product(product.Id);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var member in staff)
        {
            db.Add(new Notification { RecipientId = member.Id, Message = message, Link = link });
            if (member.Email is { Length: > 0 } email)
            {
                var body = $"""
                    {message}

                    Restock it on BlogShop: {site.Value.Absolute(link ?? Links.Shop)}
                    """;
                db.Add(OutboxEmail.Create(email, $"Low stock: {name}", body, now));
            }
        }
    }

    /// <summary>A new product, or the stock changed from at least the threshold (the previous value, no query).</summary>
    private static bool CrossedTheLine(PreSave<Product> args) =>
        args.Created ||
        (args.HasChanged(nameof(Product.Stock)) && args.GetPrevious<int>(nameof(Product.Stock)) >= Product.LowStockThreshold);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Low stock: product {ProductId} '{ProductName}' has {Stock} left")]
    private partial void LogLowStock(int productId, string productName, int stock);
}
