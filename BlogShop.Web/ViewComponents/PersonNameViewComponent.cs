using BlogShop.Domain.Data;
using BlogShop.Domain.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Web.ViewComponents;

/// <summary>
/// The navbar's name of the person logged in ("Ada Lovelace"), read from the database so a profile edit shows at
/// once; the user name when no name is stored.
/// </summary>
public sealed class PersonNameViewComponent(BlogShopDbContext db, UserManager<ApplicationUser> users) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var userId = users.GetUserId(UserClaimsPrincipal);
        var name = userId is null
            ? null
            : await db.Users.AsNoTracking().Where(u => u.Id == userId)
                .Select(u => (u.FirstName + " " + u.LastName).Trim()).SingleOrDefaultAsync(HttpContext.RequestAborted);
        return Content(string.IsNullOrEmpty(name) ? UserClaimsPrincipal.Identity?.Name ?? "" : name);
    }
}
