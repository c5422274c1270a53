using BlogShop.Domain.Data;
using BlogShop.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BlogShop.Domain.Shop;

/// <summary>The buyer's name and billing address as entered on the purchase form; saved to their profile.</summary>
public sealed record BillingDetails(string FirstName, string LastName, string AddressLine1, string AddressLine2, string City, string PostalCode, string Country);

/// <summary>How a purchase ended.</summary>
public enum PurchaseStatus
{
    /// <summary>The order was placed and the stock taken.</summary>
    Placed,

    /// <summary>Fewer items are in stock than asked for (another buyer may just have taken them); nothing was written.</summary>
    NotEnoughStock,

    /// <summary>No such product; nothing was written.</summary>
    ProductNotFound,

    /// <summary>The buyer's profile lacks a name or billing address and none was given; nothing was written.</summary>
    BillingIncomplete,

    /// <summary>Other purchases of the product kept winning the race for its stock; nothing was written: try again.</summary>
    Busy,
}

/// <summary>The outcome of <see cref="Checkout.BuyAsync"/>: the order when placed, else the stock left.</summary>
public sealed record PurchaseResult(PurchaseStatus Status, Order? Order = null, int Available = 0);

/// <summary>
/// Buying a product: the order, its line, the stock decrement and the buyer's billing profile are written in one
/// transaction, so either all of them happen or none does. The product's stock is a concurrency token, so the
/// decrement only commits while the stock is still what this purchase read: two buyers of the last item cannot both
/// get it. A purchase that loses the race is retried on fresh data (so it still succeeds while stock is left) and
/// otherwise ends as <see cref="PurchaseStatus.NotEnoughStock"/>; no conflict surfaces as an exception.
/// </summary>
public sealed partial class Checkout(BlogShopDbContext db, TimeProvider time, ILogger<Checkout> logger)
{
    /// <summary>Attempts before a purchase that keeps losing the race gives up with <see cref="PurchaseStatus.Busy"/>.</summary>
    public const int MaxAttempts = 5;

    /// <summary>
    /// Buys <paramref name="quantity"/> (at least 1) of the product for the user. <paramref name="billing"/>, when given,
    /// replaces the name and address on the buyer's profile (in the same transaction as the order). The change
    /// tracker of the scope's DbContext is cleared. A quantity below 1 throws <see cref="ArgumentOutOfRangeException"/>;
    /// a missing buyer <see cref="InvalidOperationException"/>.
    /// </summary>
    public async Task<PurchaseResult> BuyAsync(string buyerId, int productId, int quantity, BillingDetails? billing, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quantity, 1);
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            try
            {
                return await TryBuyAsync(buyerId, productId, quantity, billing, cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                LogConflict(productId, attempt);
            }
            catch (DbUpdateConcurrencyException)
            {
                LogConflict(productId, attempt);
                db.ChangeTracker.Clear();
                return new PurchaseResult(PurchaseStatus.Busy);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<PurchaseResult> TryBuyAsync(string buyerId, int productId, int quantity, BillingDetails? billing, CancellationToken cancellationToken)
    {
        // SQLite: BEGIN IMMEDIATE, so purchases queue up here. PostgreSQL (read committed): the conditional UPDATE of
        // a product another purchase changed waits for it and then matches no row, which EF reports as a conflict.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var buyer = await db.Users.Include(u => u.Profile).SingleOrDefaultAsync(u => u.Id == buyerId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"No user {buyerId} to buy for.");
        var profile = buyer.Profile ?? throw new InvalidOperationException($"User {buyerId} has no billing profile.");
        if (billing is not null)
        {
            buyer.FirstName = Clean(billing.FirstName);
            buyer.LastName = Clean(billing.LastName);
            profile.AddressLine1 = Clean(billing.AddressLine1);
            profile.AddressLine2 = Clean(billing.AddressLine2);
            profile.City = Clean(billing.City);
            profile.PostalCode = Clean(billing.PostalCode);
            profile.Country = Clean(billing.Country);
        }

        if (!IsComplete(buyer))
        {
            return new PurchaseResult(PurchaseStatus.BillingIncomplete);
        }

        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == productId, cancellationToken).ConfigureAwait(false);
        if (product is null)
        {
            return new PurchaseResult(PurchaseStatus.ProductNotFound);
        }

        if (product.Stock < quantity)
        {
            return new PurchaseResult(PurchaseStatus.NotEnoughStock, Available: product.Stock);
        }

        product.Stock -= quantity;
        var order = new Order
        {
            BuyerId = buyer.Id,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            BillingName = $"{buyer.FirstName} {buyer.LastName}",
            AddressLine1 = profile.AddressLine1,
            AddressLine2 = profile.AddressLine2,
            City = profile.City,
            PostalCode = profile.PostalCode,
            Country = profile.Country,
        };
        order.Lines.Add(new OrderLine { ProductId = product.Id, ProductName = product.Name, UnitPrice = product.Price, Quantity = quantity });
        db.Orders.Add(order);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new PurchaseResult(PurchaseStatus.Placed, order);
    }

    /// <summary>Whether the buyer has what an order needs: a name and a billing address (line 2 is optional).</summary>
    public static bool IsComplete(ApplicationUser buyer)
    {
        ArgumentNullException.ThrowIfNull(buyer);
        return buyer is { FirstName.Length: > 0, LastName.Length: > 0, Profile: { AddressLine1.Length: > 0, City.Length: > 0, PostalCode.Length: > 0, Country.Length: > 0 } };
    }

    private static string Clean(string? value) => value?.Trim() ?? "";

    [LoggerMessage(Level = LogLevel.Information, Message = "Purchase of product {ProductId} lost the race for its stock (attempt {Attempt}); a purchase retries on fresh data until its last attempt")]
    private partial void LogConflict(int productId, int attempt);
}
