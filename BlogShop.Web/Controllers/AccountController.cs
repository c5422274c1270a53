using BlogShop.Domain;
using BlogShop.Domain.Data;
using BlogShop.Domain.Entities;
using BlogShop.Web.Accounts;
using BlogShop.Web.Models;
using BlogShop.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Web.Controllers;

[Route("account")]
public sealed class AccountController(
    UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, SignInTiming timing, AccountMail mail) : Controller
{
    [HttpGet("register")]
    public IActionResult Register() => View(new RegisterModel());

    [HttpPost("register"), EnableRateLimiting(SignInRateLimits.Registration)]
    public async Task<IActionResult> Register(RegisterModel model, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        var user = new ApplicationUser
        {
            FirstName = model.FirstName.Trim(),
            LastName = model.LastName.Trim(),
            UserName = model.UserName.Trim(),
            Email = model.Email.Trim(),
        };
        IdentityResult result;
        try
        {
            result = await users.CreateAsync(user, model.Password);
        }
        catch (DomainValidationException error)
        {
            ModelState.AddModelError(error.MemberName ?? "", error.Message);
            return View(model);
        }
        catch (DbUpdateException error) when (error.IsUniqueViolation())
        {
            // Another registration took the name or email between Identity's checks and this insert.
            if (await users.FindByNameAsync(user.UserName) is not null)
            {
                ModelState.AddModelError(nameof(RegisterModel.UserName), users.ErrorDescriber.DuplicateUserName(user.UserName).Description);
            }
            else
            {
                ModelState.AddModelError(nameof(RegisterModel.Email), users.ErrorDescriber.DuplicateEmail(user.Email).Description);
            }

            return View(model);
        }

        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(FieldOf(error.Code), error.Description);
            }

            return View(model);
        }

        // Usable at once: a banner asks to confirm the address until the mailed link is opened (docs/web.md).
        await mail.SendEmailConfirmationAsync(user, cancellationToken);
        await signIn.SignInAsync(user, isPersistent: false);
        TempData["Flash"] = $"Welcome, {user.FirstName}! Your profile has been created.";
        return RedirectToAction("Index", "Profile");
    }

    [HttpGet("login")]
    public IActionResult Login(string? returnUrl = null) => View(new LoginModel { ReturnUrl = returnUrl });

    /// <summary>
    /// Signs in by user name or email. Every failure (unknown user, wrong password, locked or not allowed account) gets
    /// the same message after the same password-hashing work, so neither tells which accounts exist. Failures never
    /// lock the account (an attacker could keep its owner out); the rate limits bound guessing instead.
    /// </summary>
    [HttpPost("login"), EnableRateLimiting(SignInRateLimits.Login)]
    public async Task<IActionResult> Login(LoginModel model)
    {
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        var user = await users.FindByNameAsync(model.UserName) ?? await users.FindByEmailAsync(model.UserName);
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, model.Password, model.RememberMe, lockoutOnFailure: false);
        if (!result.Succeeded)
        {
            if (user is null || result.IsLockedOut || result.IsNotAllowed)
            {
                timing.CheckAgainstNothing(model.Password);
            }

            ModelState.AddModelError("", "Wrong username or password.");
            return View(model);
        }

        TempData["Flash"] = "You are logged in.";
        return Url.IsLocalUrl(model.ReturnUrl) ? LocalRedirect(model.ReturnUrl) : RedirectToAction("Index", "Articles");
    }

    [HttpPost("logout"), Authorize]
    public async Task<IActionResult> Logout()
    {
        // A new security stamp invalidates every copy of the cookie at its next validation, not just this browser's.
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        TempData["Flash"] = "You are logged out.";
        return RedirectToAction("Index", "Articles");
    }

    /// <summary>Identity's error codes, mapped to the form field they are about.</summary>
    private static string FieldOf(string code) => code switch
    {
        _ when code.Contains("Password", StringComparison.Ordinal) => nameof(RegisterModel.Password),
        _ when code.Contains("Email", StringComparison.Ordinal) => nameof(RegisterModel.Email),
        _ when code.Contains("UserName", StringComparison.Ordinal) => nameof(RegisterModel.UserName),
        _ => "",
    };
}
