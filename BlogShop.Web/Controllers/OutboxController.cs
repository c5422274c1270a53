using BlogShop.Domain.Data;
using BlogShop.Domain.Email;
using BlogShop.Domain.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Web.Controllers;

/// <summary>
/// Staff only: the mail the outbox gave up on (dead rows, kept with their last error) and the mail still failing, with
/// a button that sends a dead mail again.
/// </summary>
[Authorize, Route("outbox")]
public sealed class OutboxController(BlogShopDbContext db, UserManager<ApplicationUser> users, OutboxWakeup wakeup, TimeProvider time) : Controller
{
    public const int MaxRows = 200;

    public override async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (await users.GetUserAsync(User) is not { IsStaff: true })
        {
            context.Result = Forbid();
            return;
        }

        await next();
    }

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var rows = await db.OutboxEmails.AsNoTracking()
            .Where(e => e.SentAt == null && (e.DeadAt != null || e.Attempts > 0))
            .OrderByDescending(e => e.DeadAt != null).ThenByDescending(e => e.Id)
            .Take(MaxRows)
            .ToListAsync(cancellationToken);
        return View(rows);
    }

    /// <summary>A dead row is due again now with a fresh attempt budget; its last error stays until the next attempt.</summary>
    [HttpPost("{id:long}/retry")]
    public async Task<IActionResult> Retry(long id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var revived = await db.OutboxEmails
            .Where(e => e.Id == id && e.DeadAt != null && e.SentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.DeadAt, (DateTime?)null).SetProperty(e => e.Attempts, 0).SetProperty(e => e.NextAttemptAt, now), cancellationToken);
        if (revived == 0)
        {
            return NotFound();
        }

        wakeup.Wake();
        TempData["Status"] = $"Mail {id} is queued again.";
        return RedirectToAction(nameof(Index));
    }
}
