namespace BlogShop.Domain.Entities;

/// <summary>
/// Something the shop sells. <see cref="Stock"/> is an optimistic concurrency token: an update is written only while
/// the stored stock is still the one the change was based on, so two buyers of the last item can never both take it.
/// </summary>
public class Product
{
    /// <summary>Stock below this is low: staff are notified when the stock falls below it.</summary>
    public const int LowStockThreshold = 5;

    public int Id { get; set; }

    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>The price of one item, in euros.</summary>
    public decimal Price { get; set; }

    public int Stock { get; set; }

    /// <summary>Media path of the picture, if any (see <see cref="Media.IMediaStorage"/>).</summary>
    public string? Picture { get; set; }
}
