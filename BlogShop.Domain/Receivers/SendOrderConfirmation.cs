using System.Globalization;
using System.Text;
using BlogShop.Domain.Entities;
using BlogShop.Signals;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Domain.Receivers;

/// <summary>
/// A new order (not a fixture) sends the buyer a confirmation email through the outbox: the order number, each line,
/// the total, the billing address and a link to the order page.
/// </summary>
/// <remarks>
/// post_save, like <see cref="CreateSummaryAndNotificationForNewBook"/>: the email names the order's generated number.
/// The row is saved by a nested SaveChanges, so it commits with the order inside the caller's transaction (the
/// checkout opens one); without a transaction it is written right after the order.
/// </remarks>
[Receiver("post_save", Sender = typeof(Order))]
internal sealed class SendOrderConfirmation(TimeProvider time) : ISignalReceiver<SaveArgs>
{
    public async ValueTask HandleAsync(object? sender, SaveArgs args, CancellationToken cancellationToken)
    {
        if (args is not { Created: true, Raw: false, Instance: Order order })
        {
            return;
        }

        var db = args.Using;
        var buyer = await db.Set<ApplicationUser>().Where(u => u.Id == order.BuyerId)
            .Select(u => new { u.Email, u.FirstName }).SingleAsync(cancellationToken).ConfigureAwait(false);
        if (buyer.Email is not { Length: > 0 } email)
        {
            return;
        }

        var lines = new StringBuilder();
        foreach (var line in order.Lines)
        {
            lines.AppendLine(CultureInfo.InvariantCulture, $"  {line.Quantity} x {line.ProductName} at {Money.Format(line.UnitPrice)} = {Money.Format(line.UnitPrice * line.Quantity)}");
        }

        var address = string.Join(", ", new[] { order.AddressLine1, order.AddressLine2, $"{order.PostalCode} {order.City}".Trim(), order.Country }
            .Where(part => part.Length > 0));
        var body = $"""
            Hello {buyer.FirstName},

            thank you for your order #{order.Id}:

            {lines.ToString().TrimEnd()}

              Total: {Money.Format(order.Total)}

            Billed to {order.BillingName}, {address}.

            See your order on BlogShop: {Links.Order(order.Id)}

            The BlogShop team
            """;
        db.Add(OutboxEmail.Create(email, $"Your BlogShop order #{order.Id}", body, time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
