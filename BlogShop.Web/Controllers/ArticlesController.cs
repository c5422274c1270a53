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

    [HttpGet("/"), HttpGet("")]
    public async Task<IActionResult> Index(int page = 1, string? tag = null, CancellationToken cancellationToken = default)
    {
        var query = db.Articles.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(tag))
        {
            query = query.Where(a => a.Tags.Any(t => t.Name == tag));
        }

        var total = await query.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
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
    public async Task<IActionResult> Details(string slug, CancellationToken cancellationToken)
    {
        var model = await DetailsModelAsync(slug, new CommentModel(), cancellationToken);
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

        var now = time.GetUtcNow().UtcDateTime;
        var article = new Article { AuthorId = users.GetUserId(User)!, Title = model.Title.Trim(), Body = model.Body, CreatedAt = now, UpdatedAt = now };
        await SetTagsAsync(article, model.TagNames(), cancellationToken);
        db.Articles.Add(article);
        await db.SaveChangesAsync(cancellationToken);
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
            var model = await DetailsModelAsync(slug, comment, cancellationToken);
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
        return Redirect(Url.Action(nameof(Details), new { slug }) + "#comments");
    }

    [HttpPost("{slug}/reactions"), Authorize, EnableRateLimiting(BlogShopWebBuilderExtensions.InteractionsPolicy)]
    public async Task<IActionResult> React(string slug, ReactionKind kind, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(kind))
        {
            return BadRequest();
        }

        var article = await db.Articles.AsNoTracking().Where(a => a.Slug == slug).Select(a => new { a.Id }).SingleOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return NotFound();
        }

        var userId = users.GetUserId(User)!;
        var reaction = await db.Reactions.SingleOrDefaultAsync(r => r.ArticleId == article.Id && r.UserId == userId, cancellationToken);
        if (reaction is null)
        {
            db.Reactions.Add(new Reaction { ArticleId = article.Id, UserId = userId, Kind = kind, CreatedAt = time.GetUtcNow().UtcDateTime });
        }
        else
        {
            // The same kind again changes nothing; the receiver notifies the author only on a real change.
            reaction.Kind = kind;
        }

        await db.SaveChangesAsync(cancellationToken);
        return Redirect(Url.Action(nameof(Details), new { slug }) + "#reactions");
    }

    private async Task<ArticleDetailsModel?> DetailsModelAsync(string slug, CommentModel newComment, CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsNoTracking()
            .Include(a => a.Author).Include(a => a.Tags)
            .SingleOrDefaultAsync(a => a.Slug == slug, cancellationToken);
        if (article is null)
        {
            return null;
        }

        var comments = await db.Comments.AsNoTracking().Include(c => c.Author)
            .Where(c => c.ArticleId == article.Id)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
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
        return new ArticleDetailsModel(article, comments, reactions, mine, userId is not null && article.AuthorId == userId, newComment);
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
