using BlogShop.Domain;
using BlogShop.Domain.Data;
using BlogShop.Domain.Entities;
using BlogShop.Domain.Media;
using BlogShop.Domain.Shop;
using BlogShop.Web.Authorization;
using BlogShop.Web.Models;
using BlogShop.Web.Uploads;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Web.Controllers;

/// <summary>The shop: products for everyone, buying for signed-in users, adding and editing products for staff.</summary>
[Route("shop")]
public sealed class ShopController(BlogShopDbContext db, UserManager<ApplicationUser> users, Checkout checkout, IMediaStorage media) : Controller
{
    /// <summary>The purchase form's fields are named <c>Purchase.*</c> (the product page's model property).</summary>
    private const string PurchaseField = nameof(ProductPageModel.Purchase);

    private const string QuantityField = $"{PurchaseField}.{nameof(PurchaseModel.Quantity)}";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await db.Products.AsNoTracking().OrderBy(p => p.Name).ThenBy(p => p.Id).ToListAsync(cancellationToken));

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var product = await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return product is null ? NotFound() : View(await PageAsync(product, purchase: null, cancellationToken));
    }

    [HttpPost("{id:int}/buy"), Authorize]
    public async Task<IActionResult> Buy(int id, [Bind(Prefix = PurchaseField)] PurchaseModel purchase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(purchase);
        var buyerId = users.GetUserId(User)!;
        var buyer = await db.Users.AsNoTracking().Include(u => u.Profile).SingleOrDefaultAsync(u => u.Id == buyerId, cancellationToken);
        if (buyer is null)
        {
            // A cookie that outlived its account.
            return Challenge();
        }

        purchase.AskBilling = !Checkout.IsComplete(buyer);
        if (purchase.AskBilling)
        {
            RequireBillingFields(purchase);
        }

        if (ModelState.IsValid)
        {
            var billing = purchase.AskBilling
                ? new BillingDetails(purchase.FirstName, purchase.LastName, purchase.AddressLine1, purchase.AddressLine2, purchase.City, purchase.PostalCode, purchase.Country)
                : null;
            var result = await checkout.BuyAsync(buyerId, id, purchase.Quantity, billing, cancellationToken);
            switch (result.Status)
            {
                case PurchaseStatus.Placed:
                    TempData["Flash"] = $"Thank you! Your order #{result.Order!.Id} has been placed; a confirmation is on its way to {buyer.Email}.";
                    return RedirectToAction("Details", "Orders", new { id = result.Order.Id });
                case PurchaseStatus.ProductNotFound:
                    return NotFound();
                case PurchaseStatus.NotEnoughStock:
                    ModelState.AddModelError(QuantityField, result.Available == 0
                        ? "Sorry, this product has just sold out: someone else bought the last one. Nothing was ordered."
                        : $"Sorry, only {result.Available} left. Nothing was ordered: choose {result.Available} or fewer.");
                    Response.StatusCode = StatusCodes.Status409Conflict;
                    break;
                case PurchaseStatus.Busy:
                    ModelState.AddModelError(QuantityField, "Many people are buying this right now. Nothing was ordered: please try again.");
                    Response.StatusCode = StatusCodes.Status409Conflict;
                    break;
                default:
                    ModelState.AddModelError("", "Please enter your name and billing address.");
                    break;
            }
        }

        var product = await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return product is null ? NotFound() : View(nameof(Details), await PageAsync(product, purchase, cancellationToken));
    }

    [HttpGet("new"), Authorize(Policy = StaffRequirement.Policy)]
    public IActionResult Create() => View("Edit", new ProductEditModel());

    [HttpPost("new"), Authorize(Policy = StaffRequirement.Policy)]
    public async Task<IActionResult> Create(ProductEditModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.Id = null;
        var picture = await CheckPictureAsync(model, cancellationToken);
        if (!ModelState.IsValid)
        {
            return View("Edit", model);
        }

        var product = new Product();
        Apply(model, product);
        db.Products.Add(product);
        await SavePictureAndChangesAsync(product, picture, cancellationToken);
        TempData["Flash"] = $"\"{product.Name}\" has been added to the shop.";
        return RedirectToAction(nameof(Details), new { id = product.Id });
    }

    [HttpGet("{id:int}/edit"), Authorize(Policy = StaffRequirement.Policy)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var product = await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return product is null ? NotFound() : View(new ProductEditModel
        {
            Id = product.Id,
            Name = product.Name,
            Description = product.Description,
            Price = product.Price,
            Stock = product.Stock,
            OriginalStock = product.Stock,
            CurrentPicture = product.Picture,
        });
    }

    [HttpPost("{id:int}/edit"), Authorize(Policy = StaffRequirement.Policy)]
    public async Task<IActionResult> Edit(int id, ProductEditModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null)
        {
            return NotFound();
        }

        model.Id = id;
        model.CurrentPicture = product.Picture;
        var picture = await CheckPictureAsync(model, cancellationToken);
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        // The update is conditional on the stock the form showed: a sale since then is not overwritten unseen.
        db.Entry(product).Property(p => p.Stock).OriginalValue = model.OriginalStock ?? product.Stock;
        Apply(model, product);
        try
        {
            await SavePictureAndChangesAsync(product, picture, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Products.AsNoTracking().Where(p => p.Id == id).Select(p => (int?)p.Stock).SingleOrDefaultAsync(cancellationToken);
            if (current is null)
            {
                return NotFound();
            }

            ModelState.Remove(nameof(model.OriginalStock));
            model.OriginalStock = current;
            ModelState.AddModelError(nameof(model.Stock), $"The stock changed to {current} while you were editing (a sale, or another edit). Nothing was saved: check the stock and save again.");
            return View(model);
        }

        TempData["Flash"] = $"\"{product.Name}\" has been saved.";
        return RedirectToAction(nameof(Details), new { id });
    }

    private async Task<ProductPageModel> PageAsync(Product product, PurchaseModel? purchase, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User);
        var user = userId is null ? null : await db.Users.AsNoTracking().Include(u => u.Profile).SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (purchase is null)
        {
            var profile = user?.Profile;
            purchase = new PurchaseModel
            {
                AskBilling = user is not null && !Checkout.IsComplete(user),
                FirstName = user?.FirstName ?? "",
                LastName = user?.LastName ?? "",
                AddressLine1 = profile?.AddressLine1 ?? "",
                AddressLine2 = profile?.AddressLine2 ?? "",
                City = profile?.City ?? "",
                PostalCode = profile?.PostalCode ?? "",
                Country = profile?.Country ?? "",
            };
        }

        var billedTo = user is { Profile: { } p } && !purchase.AskBilling
            ? string.Join(", ", new[] { user.DisplayName, p.AddressLine1, p.AddressLine2, $"{p.PostalCode} {p.City}".Trim(), p.Country }.Where(s => s.Length > 0))
            : null;
        return new ProductPageModel(product, purchase, user is not null, user?.IsStaff == true, billedTo);
    }

    private void RequireBillingFields(PurchaseModel purchase)
    {
        foreach (var (field, value, label) in new[]
        {
            (nameof(purchase.FirstName), purchase.FirstName, "your first name"),
            (nameof(purchase.LastName), purchase.LastName, "your last name"),
            (nameof(purchase.AddressLine1), purchase.AddressLine1, "your address"),
            (nameof(purchase.City), purchase.City, "your city"),
            (nameof(purchase.PostalCode), purchase.PostalCode, "your postal code"),
            (nameof(purchase.Country), purchase.Country, "your country"),
        })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                ModelState.AddModelError($"{PurchaseField}.{field}", $"Please enter {label}.");
            }
        }
    }

    private static void Apply(ProductEditModel model, Product product)
    {
        product.Name = model.Name.Trim();
        product.Description = model.Description.Trim();
        product.Price = model.Price!.Value;
        product.Stock = model.Stock!.Value;
    }

    private Task<ReencodedImage?> CheckPictureAsync(ProductEditModel model, CancellationToken cancellationToken) =>
        ImageUploadValidator.CheckFieldAsync(model.Picture, ModelState, nameof(model.Picture), cancellationToken);

    /// <summary>Stores the new picture (if any) and saves; a failed save removes the file it just stored.</summary>
    private async Task SavePictureAndChangesAsync(Product product, ReencodedImage? picture, CancellationToken cancellationToken)
    {
        string? stored = null;
        if (picture is not null)
        {
            stored = await media.SaveImageAsync(picture, "products", cancellationToken);

            // The replaced picture is deleted by a receiver once this save has committed.
            product.Picture = stored;
        }

        await db.SaveChangesOrDeleteUploadAsync(media, stored, cancellationToken);
    }
}
