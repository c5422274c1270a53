using BlogShop.Domain;
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

[Authorize, Route("profile")]
public sealed class ProfileController(BlogShopDbContext db, UserManager<ApplicationUser> users, IMediaStorage media) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var profile = await FindProfileAsync(cancellationToken);
        return profile is null ? NotFound() : View(new ProfileViewModel(profile.User!, profile));
    }

    [HttpGet("edit")]
    public async Task<IActionResult> Edit(CancellationToken cancellationToken)
    {
        var profile = await FindProfileAsync(cancellationToken);
        if (profile is null)
        {
            return NotFound();
        }

        var user = profile.User!;
        return View(new ProfileEditModel
        {
            FirstName = user.FirstName,
            LastName = user.LastName,
            Email = user.Email ?? "",
            Bio = profile.Bio,
            AddressLine1 = profile.AddressLine1,
            AddressLine2 = profile.AddressLine2,
            City = profile.City,
            PostalCode = profile.PostalCode,
            Country = profile.Country,
            CurrentPicture = profile.ProfileImage,
        });
    }

    [HttpPost("edit")]
    public async Task<IActionResult> Edit(ProfileEditModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var profile = await FindProfileAsync(cancellationToken);
        if (profile is null)
        {
            return NotFound();
        }

        model.CurrentPicture = profile.ProfileImage;
        var picture = await ImageUploadValidator.CheckFieldAsync(model.Picture, ModelState, nameof(model.Picture), cancellationToken);

        if (!ModelState.IsValid)
        {
            return View(model);
        }

        var user = profile.User!;
        user.FirstName = model.FirstName.Trim();
        user.LastName = model.LastName.Trim();
        if (!string.Equals(user.Email, model.Email.Trim(), StringComparison.Ordinal))
        {
            IdentityResult emailResult;
            try
            {
                emailResult = await users.SetEmailAsync(user, model.Email.Trim());
            }
            catch (DomainValidationException error)
            {
                ModelState.AddModelError(error.MemberName ?? nameof(model.Email), error.Message);
                return View(model);
            }
            catch (DbUpdateException error) when (error.IsUniqueViolation())
            {
                // Another account took this email between the checks and this save.
                ModelState.AddModelError(nameof(model.Email), users.ErrorDescriber.DuplicateEmail(model.Email.Trim()).Description);
                return View(model);
            }

            if (!emailResult.Succeeded)
            {
                foreach (var error in emailResult.Errors)
                {
                    ModelState.AddModelError(nameof(model.Email), error.Description);
                }

                return View(model);
            }
        }

        profile.Bio = model.Bio;
        profile.AddressLine1 = model.AddressLine1;
        profile.AddressLine2 = model.AddressLine2;
        profile.City = model.City;
        profile.PostalCode = model.PostalCode;
        profile.Country = model.Country;

        var oldPicture = profile.ProfileImage;
        string? newPicture = null;
        if (picture is not null)
        {
            newPicture = await media.SaveImageAsync(picture, "profiles", cancellationToken);

            profile.ProfileImage = newPicture;
        }

        await db.SaveChangesOrDeleteUploadAsync(media, newPicture, cancellationToken);

        if (newPicture is not null)
        {
            // The default picture is shared and never deleted by the storage.
            await media.DeleteAsync(oldPicture, cancellationToken);
        }

        TempData["Flash"] = "Your profile has been saved.";
        return RedirectToAction(nameof(Index));
    }

    /// <summary>Goes back to the default picture; the uploaded file is deleted once the change is saved.</summary>
    [HttpPost("picture/remove")]
    public async Task<IActionResult> RemovePicture(CancellationToken cancellationToken)
    {
        var profile = await FindProfileAsync(cancellationToken);
        if (profile is null)
        {
            return NotFound();
        }

        var oldPicture = profile.ProfileImage;
        if (oldPicture != BillingProfile.DefaultImage)
        {
            profile.ProfileImage = BillingProfile.DefaultImage;
            await db.SaveChangesAsync(cancellationToken);
            await media.DeleteAsync(oldPicture, cancellationToken);
        }

        TempData["Flash"] = "Your picture has been removed.";
        return RedirectToAction(nameof(Index));
    }

    private Task<BillingProfile?> FindProfileAsync(CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User);
        return db.BillingProfiles.Include(p => p.User).SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
    }
}
