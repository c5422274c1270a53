using BlogShop.Domain.Data;
using BlogShop.Domain.Entities;
using BlogShop.Domain.Media;
using BlogShop.Web.Models;
using BlogShop.Web.Uploads;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Web.Controllers;

[Route("books")]
public sealed class BooksController(BlogShopDbContext db, UserManager<ApplicationUser> users, IMediaStorage media, TimeProvider time) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await db.Books.AsNoTracking().Include(b => b.Owner).OrderByDescending(b => b.CreatedAt).ThenByDescending(b => b.Id).ToListAsync(cancellationToken));

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var book = await db.Books.AsNoTracking().Include(b => b.Owner).Include(b => b.Summary).SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        return book is null ? NotFound() : View(book);
    }

    [HttpGet("new"), Authorize]
    public IActionResult Create() => View("Edit", new BookEditModel());

    [HttpPost("new"), Authorize]
    public async Task<IActionResult> Create(BookEditModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.Id = null;
        var cover = await CheckCoverAsync(model, cancellationToken);
        if (!ModelState.IsValid)
        {
            return View("Edit", model);
        }

        var book = new Book
        {
            Title = model.Title?.Trim() ?? "",
            OwnerId = users.GetUserId(User)!,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            Summary = new Summary { Content = model.Summary.Trim() },
        };
        await SaveAsync(book, model, cover, cancellationToken);
        TempData["Flash"] = $"\"{book.Title}\" has been added.";
        return RedirectToAction(nameof(Details), new { id = book.Id });
    }

    [HttpGet("{id:int}/edit"), Authorize]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var book = await db.Books.AsNoTracking().Include(b => b.Summary).SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (book is null)
        {
            return NotFound();
        }

        return book.OwnerId == users.GetUserId(User)
            ? View(new BookEditModel { Id = book.Id, Title = book.Title, Summary = book.Summary?.Content ?? "", CurrentCover = book.Cover })
            : Forbid();
    }

    [HttpPost("{id:int}/edit"), Authorize]
    public async Task<IActionResult> Edit(int id, BookEditModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var book = await db.Books.Include(b => b.Summary).SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (book is null)
        {
            return NotFound();
        }

        if (book.OwnerId != users.GetUserId(User))
        {
            return Forbid();
        }

        model.Id = id;
        model.CurrentCover = book.Cover;
        var cover = await CheckCoverAsync(model, cancellationToken);
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        book.Title = model.Title?.Trim() ?? "";
        book.Summary ??= new Summary { BookId = book.Id };
        book.Summary.Content = model.Summary.Trim();
        await SaveAsync(book, model, cover, cancellationToken);
        TempData["Flash"] = $"\"{book.Title}\" has been saved.";
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet("{id:int}/delete"), Authorize]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var book = await db.Books.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (book is null)
        {
            return NotFound();
        }

        return book.OwnerId == users.GetUserId(User) ? View(book) : Forbid();
    }

    [HttpPost("{id:int}/delete"), Authorize, ActionName(nameof(Delete))]
    public async Task<IActionResult> DeleteConfirmed(int id, CancellationToken cancellationToken)
    {
        var book = await db.Books.SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (book is null)
        {
            return NotFound();
        }

        if (book.OwnerId != users.GetUserId(User))
        {
            return Forbid();
        }

        // The cover file is deleted by a receiver once the delete has committed.
        db.Books.Remove(book);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = $"\"{book.Title}\" has been deleted.";
        return RedirectToAction(nameof(Index));
    }

    private Task<ReencodedImage?> CheckCoverAsync(BookEditModel model, CancellationToken cancellationToken) =>
        ImageUploadValidator.CheckFieldAsync(model.Cover, ModelState, nameof(model.Cover), cancellationToken);

    /// <summary>Stores the new cover (if any) and saves the book; a failed save removes the file it just stored.</summary>
    private async Task SaveAsync(Book book, BookEditModel model, ReencodedImage? cover, CancellationToken cancellationToken)
    {
        string? stored = null;
        if (cover is not null)
        {
            stored = await media.SaveImageAsync(cover, "covers", cancellationToken);

            // The replaced cover is deleted by a receiver once this save has committed.
            book.Cover = stored;
        }

        if (book.Id == 0)
        {
            db.Books.Add(book);
        }

        await db.SaveChangesOrDeleteUploadAsync(media, stored, cancellationToken);
    }
}
