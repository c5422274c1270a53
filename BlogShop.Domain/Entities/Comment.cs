namespace BlogShop.Domain.Entities;

public class Comment
{
    public int Id { get; set; }

    public int ArticleId { get; set; }

    public Article? Article { get; set; }

    public string AuthorId { get; set; } = "";

    public ApplicationUser? Author { get; set; }

    public string Body { get; set; } = "";

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
