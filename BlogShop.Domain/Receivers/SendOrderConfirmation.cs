using System.Globalization;
using System.Text;
using BlogShop.Domain.Entities;
using BlogShop.Signals;
using BlogShop.Signals.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlogShop.Domain.Receivers;

/// <summary>
/// A new order (not a fixture) sends the buyer a confirmation email through the outbox: the order number, each line,
/// the total, the billing address and a link to the order page.
/// </summary>
/// <remarks>
/// post_save, like <see cref="CreateSummaryAndNotificationForNewBook"/>: the email names the order's generated number.
/// post_save runs inside the transaction that writes the order (the checkout's), so the mail row commits with the
/// order or not at all. The link is absolute (<see cref="SiteOptions.BaseUrl"/>).
/// </remarks>
[Receiver]
internal sealed class SendOrderConfirmation(TimeProvider time, IOptions<SiteOptions> site) : ISignalReceiver<PostSave<Order>>
{
    public async ValueTask HandleAsync(object? sender, PostSave<Order> args, CancellationToken cancellationToken)
    {
        if (!args.Created || args.Raw)
        {
            return;
        }

        var order = args.Instance;
        var db = args.Context;
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

            See your order on BlogShop: {site.Value.Absolute(Links.Order(order.Id))}

            The BlogShop team
            """;
        db.Add(OutboxEmail.Create(email, $"Your BlogShop order #{order.Id}", body, time.GetUtcNow().UtcDateTime));
    }
}
