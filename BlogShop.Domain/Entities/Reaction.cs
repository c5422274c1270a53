namespace BlogShop.Domain.Entities;

/// <summary>What a reader felt about an article.</summary>
public enum ReactionKind
{
    Like,
    Love,
    Laugh,
    Wow,
    Sad,
    Angry,
}

/// <summary>
/// Django's <c>PostReaction</c>: at most one per user per article (a unique index); changing the kind updates the
/// same row.
/// </summary>
public class Reaction
{
    public int Id { get; set; }

    public int ArticleId { get; set; }

    public Article? Article { get; set; }

    public string UserId { get; set; } = "";

    public ApplicationUser? User { get; set; }

    public ReactionKind Kind { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
