namespace BlogShop.Domain.Entities;

public class Book
{
    public const string UntitledTitle = "Untitled";

    public int Id { get; set; }

    /// <summary>"Untitled" when saved empty.</summary>
    public string Title { get; set; } = "";

    /// <summary>Media path of the cover; the file is deleted after the book is deleted or the cover replaced.</summary>
    public string? Cover { get; set; }

    public string OwnerId { get; set; } = "";

    public ApplicationUser? Owner { get; set; }

    public Summary? Summary { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
