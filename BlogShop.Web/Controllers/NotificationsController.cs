using BlogShop.Domain.Data;
using BlogShop.Domain.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Web.Controllers;

[Authorize, Route("notifications")]
public sealed class NotificationsController(BlogShopDbContext db, UserManager<ApplicationUser> users) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User);
        var notifications = await db.Notifications.AsNoTracking()
            .Where(n => n.RecipientId == userId)
            .OrderBy(n => n.IsRead).ThenByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Take(200)
            .ToListAsync(cancellationToken);
        return View(notifications);
    }

    [HttpPost("{id:int}/read")]
    public async Task<IActionResult> MarkRead(int id, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User);
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == id && n.RecipientId == userId, cancellationToken);
        if (notification is null)
        {
            return NotFound();
        }

        notification.IsRead = true;
        await db.SaveChangesAsync(cancellationToken);
        return Url.IsLocalUrl(notification.Link) ? LocalRedirect(notification.Link) : RedirectToAction(nameof(Index));
    }

    [HttpPost("read-all")]
    public async Task<IActionResult> MarkAllRead(CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User);
        var unread = await db.Notifications.Where(n => n.RecipientId == userId && !n.IsRead).ToListAsync(cancellationToken);
        foreach (var notification in unread)
        {
            notification.IsRead = true;
        }

        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = unread.Count == 1 ? "1 notification marked as read." : $"{unread.Count} notifications marked as read.";
        return RedirectToAction(nameof(Index));
    }
}
