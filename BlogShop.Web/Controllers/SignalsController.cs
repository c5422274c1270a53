using BlogShop.Domain.Data;
using BlogShop.Domain.Entities;
using BlogShop.Web.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Web.Controllers;

/// <summary>
/// The live signal trace: one row per recent request, expanding to every signal it sent, in order, with the receivers
/// called, their outcome and time, and the argument values. Off unless <c>Diagnostics:RecordSignals</c> (default:
/// Development only); outside Development, staff users only. Anyone else gets 404.
/// </summary>
[Route("signals")]
public sealed class SignalsController(SignalTraceRecorder recorder, IWebHostEnvironment environment, UserManager<ApplicationUser> users, BlogShopDbContext db, TimeProvider time) : Controller
{
    public override async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!recorder.IsRecording || (!environment.IsDevelopment() && !(await users.GetUserAsync(User) is { IsStaff: true })))
        {
            context.Result = NotFound();
            return;
        }

        await next();
    }

    /// <param name="request">The request to show expanded (the simulator's).</param>
    /// <param name="all">Also show static files and this page's own updates.</param>
    [HttpGet("")]
    public IActionResult Index(string? request = null, bool all = false) =>
        View(new SignalsPageModel(recorder.Recent(all), request, all));

    /// <summary>The rows of requests that finished after <paramref name="after"/> (the page's updates, without a reload).</summary>
    [HttpGet("rows")]
    public IActionResult Rows(long after = 0, bool all = false) =>
        PartialView("_Requests", new SignalsPageModel(recorder.FinishedAfter(after, all), null, all));

    /// <summary>
    /// The simulator: saves a book as the current user and deletes it again, inside a transaction that is rolled
    /// back, so the page shows pre_save, post_save, pre_delete and post_delete and no book (nor its summary or
    /// notification) is left behind. After-commit receivers do not run: nothing was committed.
    /// </summary>
    [HttpPost("try-book")]
    public async Task<IActionResult> TryBook(string? title, CancellationToken cancellationToken)
    {
        if (users.GetUserId(User) is not { } userId)
        {
            return Challenge();
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var book = new Book { Title = title?.Trim() ?? "", OwnerId = userId, CreatedAt = time.GetUtcNow().UtcDateTime };
            db.Books.Add(book);
            await db.SaveChangesAsync(cancellationToken);
            db.Books.Remove(book);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.RollbackAsync(cancellationToken);
        }

        return RedirectToAction(nameof(Index), null, new { request = HttpContext.TraceIdentifier }, HttpContext.TraceIdentifier);
    }
}
