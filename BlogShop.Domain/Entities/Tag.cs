namespace BlogShop.Domain.Entities;

/// <summary>A tag; articles and tags are many-to-many through a skip navigation.</summary>
public class Tag
{
    public int Id { get; set; }

    /// <summary>Unique.</summary>
    public string Name { get; set; } = "";

    public ICollection<Article> Articles { get; } = [];
}
