using BlogShop.Domain.Entities;
using BlogShop.Domain.Text;
using BlogShop.Signals;
using BlogShop.Signals.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Domain.Receivers;

/// <summary>
/// Before an article is saved: an empty slug is made from the title, unique among articles (<c>my-title</c>,
/// <c>my-title-2</c>, ...; never empty); the word count follows the body; <see cref="Article.UpdatedAt"/> is now.
/// A slug once set is kept when the title changes, so links stay valid. Raw saves (fixtures) are stored as given.
/// </summary>
[Receiver]
internal sealed class SetArticleSlugAndWordCount(TimeProvider time) : ISignalReceiver<PreSave<Article>>
{
    public async ValueTask HandleAsync(object? sender, PreSave<Article> args, CancellationToken cancellationToken)
    {
        if (args.Raw)
        {
            return;
        }

        var article = args.Instance;
        if (string.IsNullOrWhiteSpace(article.Slug))
        {
            article.Slug = await UniqueSlugAsync(args.Context, article, cancellationToken).ConfigureAwait(false);
        }

        if (args.HasChanged(nameof(Article.Body)))
        {
            article.WordCount = Slugs.CountWords(article.Body);
        }

        article.UpdatedAt = time.GetUtcNow().UtcDateTime;
    }

    private static async Task<string> UniqueSlugAsync(DbContext db, Article article, CancellationToken cancellationToken)
    {
        var slug = Slugs.Slugify(article.Title, fallback: "article");
        var prefix = slug + "-";
        var taken = await db.Set<Article>()
            .Where(a => a.Id != article.Id && (a.Slug == slug || a.Slug.StartsWith(prefix)))
            .Select(a => a.Slug)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        // Articles added in the same SaveChanges that already got their slug.
        taken.AddRange(db.ChangeTracker.Entries<Article>()
            .Where(e => !ReferenceEquals(e.Entity, article) && e.State == EntityState.Added)
            .Select(e => e.Entity.Slug));

        var candidate = slug;
        for (var n = 2; taken.Contains(candidate); n++)
        {
            candidate = $"{slug}-{n}";
        }

        return candidate;
    }
}
