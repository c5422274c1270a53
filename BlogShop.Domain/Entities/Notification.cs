namespace BlogShop.Domain.Entities;

/// <summary>An in-site notification for one user.</summary>
public class Notification
{
    public int Id { get; set; }

    public string RecipientId { get; set; } = "";

    public ApplicationUser? Recipient { get; set; }

    public string Message { get; set; } = "";

    /// <summary>A site-relative link to what the notification is about (e.g. <c>/articles/my-title</c>), if any.</summary>
    public string? Link { get; set; }

    public bool IsRead { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
