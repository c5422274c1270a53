using BlogShop.Domain.Data;
using BlogShop.Domain.Entities;
using BlogShop.Web.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Web.Controllers;

[Route("articles")]
public sealed class ArticlesController(BlogShopDbContext db, UserManager<ApplicationUser> users, TimeProvider time) : Controller
{
    public const int PageSize = 10;

    public const int CommentsPageSize = 50;

    private const int MaxPublishAttempts = 50;

    [HttpGet("/"), HttpGet("")]
    public async Task<IActionResult> Index(int page = 1, string? tag = null, CancellationToken cancellationToken = default)
    {
        var query = db.Articles.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(tag))
        {
            query = query.Where(a => a.Tags.Any(t => t.Name == tag));
        }

        var total = await query.CountAsync(cancellationToken);
        var pageCount = PageCount(total, PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var articles = await query
            .OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(a => new ArticleSummary(
                a.Slug, a.Title, a.Author!.FirstName + " " + a.Author.LastName, a.CreatedAt, a.WordCount,
                a.Tags.OrderBy(t => t.Name).Select(t => t.Name).ToList(), a.Comments.Count))
            .ToListAsync(cancellationToken);
        return View(new ArticleListModel(articles, page, pageCount, tag));
    }

    [HttpGet("{slug}")]
    public async Task<IActionResult> Details(string slug, int comments = 1, CancellationToken cancellationToken = default)
    {
        var model = await DetailsModelAsync(slug, new CommentModel(), comments, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpGet("new"), Authorize]
    public IActionResult Create() => View("Edit", new ArticleEditModel());

    [HttpPost("new"), Authorize]
    public async Task<IActionResult> Create(ArticleEditModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.Slug = null;
        if (!ModelState.IsValid)
        {
            return View("Edit", model);
        }

        var article = await PublishAsync(model, cancellationToken);
        TempData["Flash"] = "Your article has been published.";
        return RedirectToAction(nameof(Details), new { slug = article.Slug });
    }

    [HttpGet("{slug}/edit"), Authorize]
    public async Task<IActionResult> Edit(string slug, CancellationToken cancellationToken)
    {
        var article = await db.Articles.Include(a => a.Tags).SingleOrDefaultAsync(a => a.Slug == slug, cancellationToken);
        if (article is null)
        {
            return NotFound();
        }

        if (article.AuthorId != users.GetUserId(User))
        {
            return Forbid();
        }

        return View(new ArticleEditModel
        {
            Slug = article.Slug,
            Title = article.Title,
            Body = article.Body,
            Tags = string.Join(", ", article.Tags.Select(t => t.Name).Order(StringComparer.Ordinal)),
        });
    }

    [HttpPost("{slug}/edit"), Authorize]
    public async Task<IActionResult> Edit(string slug, ArticleEditModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var article = await db.Articles.Include(a => a.Tags).SingleOrDefaultAsync(a => a.Slug == slug, cancellationToken);
        if (article is null)
        {
            return NotFound();
        }

        if (article.AuthorId != users.GetUserId(User))
        {
            return Forbid();
        }

        model.Slug = slug;
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        article.Title = model.Title.Trim();
        article.Body = model.Body;
        await SetTagsAsync(article, model.TagNames(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = "Your article has been saved.";
        return RedirectToAction(nameof(Details), new { slug = article.Slug });
    }

    [HttpGet("{slug}/delete"), Authorize]
    public async Task<IActionResult> Delete(string slug, CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsNoTracking().SingleOrDefaultAsync(a => a.Slug == slug, cancellationToken);
        if (article is null)
        {
            return NotFound();
        }

        return article.AuthorId == users.GetUserId(User) ? View(article) : Forbid();
    }

    [HttpPost("{slug}/delete"), Authorize, ActionName(nameof(Delete))]
    public async Task<IActionResult> DeleteConfirmed(string slug, CancellationToken cancellationToken)
    {
        var article = await db.Articles.SingleOrDefaultAsync(a => a.Slug == slug, cancellationToken);
        if (article is null)
        {
            return NotFound();
        }

        if (article.AuthorId != users.GetUserId(User))
        {
            return Forbid();
        }

        db.Articles.Remove(article);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = $"\"{article.Title}\" has been deleted.";
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("{slug}/comments"), Authorize, EnableRateLimiting(BlogShopWebBuilderExtensions.InteractionsPolicy)]
    public async Task<IActionResult> Comment(string slug, [Bind(Prefix = "NewComment")] CommentModel comment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(comment);
        var article = await db.Articles.AsNoTracking().Where(a => a.Slug == slug).Select(a => new { a.Id }).SingleOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            var model = await DetailsModelAsync(slug, comment, int.MaxValue, cancellationToken);
            return View(nameof(Details), model);
        }

        db.Comments.Add(new Comment
        {
            ArticleId = article.Id,
            AuthorId = users.GetUserId(User)!,
            Body = comment.Body.Trim(),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = "Your comment has been posted.";
        var count = await db.Comments.CountAsync(c => c.ArticleId == article.Id, cancellationToken);
        return Redirect(Url.Action(nameof(Details), new { slug, comments = PageCount(count, CommentsPageSize) }) + "#comments");
    }

    /// <summary>Sets the reader's reaction: added, or its kind changed. Only the kinds' names are accepted (400 otherwise).</summary>
    [HttpPost("{slug}/reactions"), Authorize, EnableRateLimiting(BlogShopWebBuilderExtensions.InteractionsPolicy)]
    public async Task<IActionResult> React(string slug, string? kind, CancellationToken cancellationToken)
    {
        // Exact names only: a number ("99", "1") or a list ("Like,Love") would otherwise bind to some kind.
        if (!Enum.TryParse<ReactionKind>(kind, ignoreCase: false, out var parsed) || Enum.GetName(parsed) != kind)
        {
            return BadRequest();
        }

        var articleId = await ArticleIdAsync(slug, cancellationToken);
        if (articleId is null)
        {
            return NotFound();
        }

        var userId = users.GetUserId(User)!;
        for (var attempt = 1; ; attempt++)
        {
            var reaction = await db.Reactions.SingleOrDefaultAsync(r => r.ArticleId == articleId && r.UserId == userId, cancellationToken);
            if (reaction is null)
            {
                db.Reactions.Add(new Reaction { ArticleId = articleId.Value, UserId = userId, Kind = parsed, CreatedAt = time.GetUtcNow().UtcDateTime });
            }
            else
            {
                // The same kind again changes nothing; the receiver notifies the author only on a real change.
                reaction.Kind = parsed;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                break;
            }
            catch (DbUpdateException error) when (error.IsUniqueViolation() && attempt < 3)
            {
                // A double click: the other request added the reaction first. Update that one instead.
                db.ChangeTracker.Clear();
            }
        }

        return Redirect(Url.Action(nameof(Details), new { slug }) + "#reactions");
    }

    /// <summary>Takes the reader's reaction back (pre_delete/post_delete; nobody is notified). Nothing to remove is fine.</summary>
    [HttpPost("{slug}/reactions/remove"), Authorize, EnableRateLimiting(BlogShopWebBuilderExtensions.InteractionsPolicy)]
    public async Task<IActionResult> RemoveReaction(string slug, CancellationToken cancellationToken)
    {
        var articleId = await ArticleIdAsync(slug, cancellationToken);
        if (articleId is null)
        {
            return NotFound();
        }

        var userId = users.GetUserId(User)!;
        if (await db.Reactions.SingleOrDefaultAsync(r => r.ArticleId == articleId && r.UserId == userId, cancellationToken) is { } reaction)
        {
            db.Reactions.Remove(reaction);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Removed by a request at the same moment (a double click): it is gone, as asked.
            }
        }

        return Redirect(Url.Action(nameof(Details), new { slug }) + "#reactions");
    }

    /// <summary>Pages of <paramref name="size"/> items needed for <paramref name="total"/>; at least one.</summary>
    private static int PageCount(int total, int size) => Math.Max(1, (total + size - 1) / size);

    private Task<int?> ArticleIdAsync(string slug, CancellationToken cancellationToken) =>
        db.Articles.AsNoTracking().Where(a => a.Slug == slug).Select(a => (int?)a.Id).SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Adds the new article. Two people publishing one title at once both pick the same free slug, and the unique
    /// index refuses the later one: it is then built again and saved with the next free suffix (a new tag both
    /// created is found the second time). Each round at least one competing save succeeds, so this ends.
    /// </summary>
    private async Task<Article> PublishAsync(ArticleEditModel model, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var article = new Article { AuthorId = users.GetUserId(User)!, Title = model.Title.Trim(), Body = model.Body, CreatedAt = now, UpdatedAt = now };
            await SetTagsAsync(article, model.TagNames(), cancellationToken);
            db.Articles.Add(article);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return article;
            }
            catch (DbUpdateException error) when (error.IsUniqueViolation() && attempt < MaxPublishAttempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<ArticleDetailsModel?> DetailsModelAsync(string slug, CommentModel newComment, int commentsPage, CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsNoTracking()
            .Include(a => a.Author).Include(a => a.Tags)
            .SingleOrDefaultAsync(a => a.Slug == slug, cancellationToken);
        if (article is null)
        {
            return null;
        }

        var commentCount = await db.Comments.CountAsync(c => c.ArticleId == article.Id, cancellationToken);
        var commentPages = PageCount(commentCount, CommentsPageSize);
        commentsPage = Math.Clamp(commentsPage, 1, commentPages);
        var comments = await db.Comments.AsNoTracking().Include(c => c.Author)
            .Where(c => c.ArticleId == article.Id)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Skip((commentsPage - 1) * CommentsPageSize).Take(CommentsPageSize)
            .ToListAsync(cancellationToken);
        var counts = await db.Reactions.AsNoTracking()
            .Where(r => r.ArticleId == article.Id)
            .GroupBy(r => r.Kind)
            .Select(g => new { Kind = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Kind, g => g.Count, cancellationToken);
        var userId = users.GetUserId(User);
        ReactionKind? mine = userId is null
            ? null
            : await db.Reactions.AsNoTracking()
                .Where(r => r.ArticleId == article.Id && r.UserId == userId)
                .Select(r => (ReactionKind?)r.Kind)
                .SingleOrDefaultAsync(cancellationToken);
        var reactions = Enum.GetValues<ReactionKind>().Select(k => new ReactionCount(k, counts.GetValueOrDefault(k))).ToList();
        return new ArticleDetailsModel(
            article, new CommentPage(comments, commentsPage, commentPages, commentCount), reactions, mine, userId is not null && article.AuthorId == userId, newComment);
    }

    private async Task SetTagsAsync(Article article, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var existing = await db.Tags.Where(t => names.Contains(t.Name)).ToListAsync(cancellationToken);
        foreach (var tag in article.Tags.Where(t => !names.Contains(t.Name)).ToList())
        {
            article.Tags.Remove(tag);
        }

        foreach (var name in names)
        {
            if (article.Tags.Any(t => t.Name == name))
            {
                continue;
            }

            article.Tags.Add(existing.Find(t => t.Name == name) ?? new Tag { Name = name });
        }
    }
}
