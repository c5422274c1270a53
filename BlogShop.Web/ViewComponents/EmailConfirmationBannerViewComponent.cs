using BlogShop.Domain.Data;
using BlogShop.Domain.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Web.ViewComponents;

/// <summary>The banner at the top of every page while the signed-in user's email address is not confirmed.</summary>
public sealed class EmailConfirmationBannerViewComponent(BlogShopDbContext db, UserManager<ApplicationUser> users) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var userId = users.GetUserId(UserClaimsPrincipal);
        var unconfirmed = userId is null ? null : await db.Users.AsNoTracking()
            .Where(u => u.Id == userId && !u.EmailConfirmed).Select(u => u.Email).SingleOrDefaultAsync(HttpContext.RequestAborted);
        return unconfirmed is null ? Content("") : View("Default", unconfirmed);
    }
}
