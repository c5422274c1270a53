namespace BlogShop.Domain.Entities;

/// <summary>
/// A purchase. The buyer's name and billing address are copied from their profile when the order is placed, so the
/// order keeps them when the profile changes later.
/// </summary>
public class Order
{
    public int Id { get; set; }

    public string BuyerId { get; set; } = "";

    public ApplicationUser? Buyer { get; set; }

    public DateTime CreatedAt { get; set; }

    public string BillingName { get; set; } = "";

    public string AddressLine1 { get; set; } = "";

    public string AddressLine2 { get; set; } = "";

    public string City { get; set; } = "";

    public string PostalCode { get; set; } = "";

    public string Country { get; set; } = "";

    public List<OrderLine> Lines { get; } = [];

    public decimal Total => Lines.Sum(l => l.UnitPrice * l.Quantity);
}
