using BlogShop.Domain.Entities;
using BlogShop.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace BlogShop.Web.Controllers;

/// <summary>
/// Email confirmation with Identity's email-confirmation token provider. Accounts are usable at once; until the
/// address is confirmed every page shows a banner with a button that mails a new link.
/// </summary>
[Route("account")]
public sealed class EmailConfirmationController(UserManager<ApplicationUser> users, AccountMail mail) : Controller
{
    [HttpGet("confirm-email")]
    public async Task<IActionResult> ConfirmEmail(string? userId, string? code)
    {
        var token = AccountMail.TryDecode(code);
        var user = string.IsNullOrEmpty(userId) ? null : await users.FindByIdAsync(userId);
        if (user is null || token is null)
        {
            return View(false);
        }

        if (!user.EmailConfirmed)
        {
            var result = await users.ConfirmEmailAsync(user, token);
            if (!result.Succeeded)
            {
                return View(false);
            }
        }

        return View(true);
    }

    [HttpPost("confirm-email/resend"), Authorize, EnableRateLimiting(BlogShopWebBuilderExtensions.InteractionsPolicy)]
    public async Task<IActionResult> Resend(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (user.EmailConfirmed)
        {
            TempData["Flash"] = "Your email address is already confirmed.";
        }
        else
        {
            await mail.SendEmailConfirmationAsync(user, cancellationToken);
            TempData["Flash"] = $"We sent a new confirmation link to {user.Email}.";
        }

        return RedirectToAction("Index", "Profile");
    }
}
