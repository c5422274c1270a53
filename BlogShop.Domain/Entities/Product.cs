namespace BlogShop.Domain.Entities;

public class Product
{
    /// <summary>Stock below this is low: a warning is logged and staff are notified.</summary>
    public const int LowStockThreshold = 5;

    public int Id { get; set; }

    public string Name { get; set; } = "";

    public int Stock { get; set; }
}
