namespace BlogShop.Domain.Entities;

/// <summary>One product of an order, with its name and price as they were when it was bought.</summary>
public class OrderLine
{
    public int Id { get; set; }

    public int OrderId { get; set; }

    public Order? Order { get; set; }

    /// <summary>The product bought; null once the product has been deleted (the line keeps its name and price).</summary>
    public int? ProductId { get; set; }

    public Product? Product { get; set; }

    public string ProductName { get; set; } = "";

    public decimal UnitPrice { get; set; }

    public int Quantity { get; set; }
}
