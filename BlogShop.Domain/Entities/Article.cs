namespace BlogShop.Domain.Entities;

/// <summary>A blog article. Slug, word count and timestamps are maintained by a pre_save receiver.</summary>
public class Article
{
    public int Id { get; set; }

    public string AuthorId { get; set; } = "";

    public ApplicationUser? Author { get; set; }

    public string Title { get; set; } = "";

    /// <summary>Unique; generated from the title when left empty (my-title, my-title-2, ...).</summary>
    public string Slug { get; set; } = "";

    public string Body { get; set; } = "";

    public int WordCount { get; set; }

    /// <summary>Media path of the article's image, if any; the file is deleted after the article is.</summary>
    public string? Image { get; set; }

    public ICollection<Tag> Tags { get; } = [];

    public ICollection<Comment> Comments { get; } = [];

    public ICollection<Reaction> Reactions { get; } = [];

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public DateTime UpdatedAt { get; set; }
}
