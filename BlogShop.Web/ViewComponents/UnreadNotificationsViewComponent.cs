using BlogShop.Domain.Data;
using BlogShop.Domain.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Web.ViewComponents;

/// <summary>The navbar's link to the notifications, with the unread count.</summary>
public sealed class UnreadNotificationsViewComponent(BlogShopDbContext db, UserManager<ApplicationUser> users) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var userId = users.GetUserId(UserClaimsPrincipal);
        var unread = userId is null ? 0 : await db.Notifications.CountAsync(n => n.RecipientId == userId && !n.IsRead, HttpContext.RequestAborted);
        return View(unread);
    }
}
