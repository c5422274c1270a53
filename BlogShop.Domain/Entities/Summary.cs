namespace BlogShop.Domain.Entities;

/// <summary>One per book (1:1, deleted with the book), created when the book is.</summary>
public class Summary
{
    public int Id { get; set; }

    public int BookId { get; set; }

    public Book? Book { get; set; }

    public string Content { get; set; } = "";
}
