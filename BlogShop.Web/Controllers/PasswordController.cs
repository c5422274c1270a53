using BlogShop.Domain.Entities;
using BlogShop.Web.Accounts;
using BlogShop.Web.Models;
using BlogShop.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace BlogShop.Web.Controllers;

/// <summary>
/// Forgotten and changed passwords, with Identity's password-reset token provider. Asking for a reset link answers the
/// same whether or not an account has the address, so the form does not reveal who is registered.
/// </summary>
[Route("account")]
public sealed class PasswordController(UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, AccountMail mail) : Controller
{
    [HttpGet("forgot-password")]
    public IActionResult ForgotPassword() => View(new ForgotPasswordModel());

    [HttpPost("forgot-password"), EnableRateLimiting(SignInRateLimits.ForgotPassword)]
    public async Task<IActionResult> ForgotPassword(ForgotPasswordModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        if (await users.FindByEmailAsync(model.Email.Trim()) is { } user)
        {
            await mail.SendPasswordResetAsync(user, cancellationToken);
        }

        return View("ForgotPasswordSent", model);
    }

    [HttpGet("reset-password")]
    public IActionResult ResetPassword(string? userId, string? code) =>
        string.IsNullOrEmpty(userId) || AccountMail.TryDecode(code) is null
            ? View("ResetPasswordInvalid")
            : View(new ResetPasswordModel { UserId = userId, Code = code! });

    [HttpPost("reset-password")]
    public async Task<IActionResult> ResetPassword(ResetPasswordModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        var token = AccountMail.TryDecode(model.Code);
        var user = string.IsNullOrEmpty(model.UserId) ? null : await users.FindByIdAsync(model.UserId);
        if (user is null || token is null)
        {
            return View("ResetPasswordInvalid");
        }

        var result = await users.ResetPasswordAsync(user, token, model.Password);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
            {
                return View("ResetPasswordInvalid");
            }

            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(nameof(model.Password), error.Description);
            }

            return View(model);
        }

        // The mail proved the person can read it: a lockout from failed guesses ends with the new password.
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        TempData["Flash"] = "Your password has been reset. Log in with the new one.";
        return RedirectToAction("Login", "Account");
    }

    [HttpGet("change-password"), Authorize]
    public IActionResult ChangePassword() => View(new ChangePasswordModel());

    [HttpPost("change-password"), Authorize]
    public async Task<IActionResult> ChangePassword(ChangePasswordModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var result = await users.ChangePasswordAsync(user, model.CurrentPassword, model.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? nameof(model.CurrentPassword) : nameof(model.NewPassword);
                ModelState.AddModelError(field, error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "This is not your current password." : error.Description);
            }

            return View(model);
        }

        // A new security stamp signs out other sessions; this one gets a fresh cookie.
        await signIn.RefreshSignInAsync(user);
        TempData["Flash"] = "Your password has been changed.";
        return RedirectToAction("Index", "Profile");
    }
}
