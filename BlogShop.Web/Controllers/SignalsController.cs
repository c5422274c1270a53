using BlogShop.Domain.Data;
using BlogShop.Domain.Entities;
using BlogShop.Signals;
using BlogShop.Web.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace BlogShop.Web.Controllers;

/// <summary>
/// The live signal trace: every signal recent requests sent, in order, with the receivers called and their outcome.
/// Open in Development; elsewhere to staff users only.
/// </summary>
[Route("signals")]
public sealed class SignalsController(SignalTraceRecorder recorder, IEnumerable<ISignalObserver> observers, IWebHostEnvironment environment, UserManager<ApplicationUser> users, BlogShopDbContext db, TimeProvider time) : Controller
{
    public override async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!environment.IsDevelopment() && !(await users.GetUserAsync(User) is { IsStaff: true }))
        {
            context.Result = NotFound();
            return;
        }

        await next();
    }

    [HttpGet("")]
    public IActionResult Index(string? request = null)
    {
        ViewData["Highlight"] = request;
        ViewData["Recording"] = observers.Contains(recorder);
        return View(recorder.Recent);
    }

    /// <summary>The simulator: saves a book as the current user, then shows what that request sent.</summary>
    [HttpPost("try-book")]
    public async Task<IActionResult> TryBook(string? title, CancellationToken cancellationToken)
    {
        if (users.GetUserId(User) is not { } userId)
        {
            return Challenge();
        }

        db.Books.Add(new Book { Title = title?.Trim() ?? "", OwnerId = userId, CreatedAt = time.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToAction(nameof(Index), null, new { request = HttpContext.TraceIdentifier }, HttpContext.TraceIdentifier);
    }
}
