using BlogShop.Domain.Data;
using BlogShop.Domain.Entities;
using BlogShop.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Web.Controllers;

/// <summary>"My orders" and the order page: the buyer's own orders (staff may open any order).</summary>
[Authorize, Route("orders")]
public sealed class OrdersController(BlogShopDbContext db, UserManager<ApplicationUser> users, IAuthorizationService authorization) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User);
        var orders = await db.Orders.AsNoTracking().Include(o => o.Lines).Where(o => o.BuyerId == userId)
            .OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).ToListAsync(cancellationToken);
        return View(orders);
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.Buyer).SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (order is null)
        {
            return NotFound();
        }

        return order.BuyerId == users.GetUserId(User) || (await authorization.AuthorizeAsync(User, StaffRequirement.Policy)).Succeeded
            ? View(order)
            : Forbid();
    }
}
