using System.ComponentModel.DataAnnotations;
using BlogShop.Domain.Entities;

namespace BlogShop.Web.Models;

public sealed record ArticleSummary(string Slug, string Title, string Author, DateTime CreatedAt, int WordCount, IReadOnlyList<string> Tags, int Comments);

public sealed record ArticleListModel(IReadOnlyList<ArticleSummary> Articles, int Page, int PageCount, string? Tag);

public sealed record ReactionCount(ReactionKind Kind, int Count);

/// <summary>One page of an article's comments, oldest first.</summary>
public sealed record CommentPage(IReadOnlyList<Comment> Items, int Page, int PageCount, int Total);

public sealed record ArticleDetailsModel(
    Article Article,
    CommentPage Comments,
    IReadOnlyList<ReactionCount> Reactions,
    ReactionKind? MyReaction,
    bool IsAuthor,
    CommentModel NewComment);

public sealed class CommentModel
{
    [Required(ErrorMessage = "Write something first."), StringLength(5000), Display(Name = "Your comment")]
    public string Body { get; set; } = "";
}

public sealed class ArticleEditModel
{
    [Required, StringLength(200)]
    public string Title { get; set; } = "";

    [Required, StringLength(100_000)]
    public string Body { get; set; } = "";

    /// <summary>Comma-separated tag names.</summary>
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    [StringLength(500), Display(Name = "Tags (comma-separated)")]
    public string Tags { get; set; } = "";

    /// <summary>The slug of the article being edited; null when creating.</summary>
    public string? Slug { get; set; }

    public IReadOnlyList<string> TagNames() =>
        [.. Tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => t.ToLowerInvariant())
            .Where(t => t.Length <= 50)
            .Distinct(StringComparer.Ordinal)];
}
