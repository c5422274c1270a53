using BlogShop.Domain;
using BlogShop.Domain.Data;
using BlogShop.Domain.Entities;
using BlogShop.Web.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Web.Controllers;

[Route("account")]
public sealed class AccountController(UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn) : Controller
{
    [HttpGet("register")]
    public IActionResult Register() => View(new RegisterModel());

    [HttpPost("register")]
    public async Task<IActionResult> Register(RegisterModel model)
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

        await signIn.SignInAsync(user, isPersistent: false);
        TempData["Flash"] = $"Welcome, {user.FirstName}! Your profile has been created.";
        return RedirectToAction("Index", "Profile");
    }

    [HttpGet("login")]
    public IActionResult Login(string? returnUrl = null) => View(new LoginModel { ReturnUrl = returnUrl });

    [HttpPost("login")]
    public async Task<IActionResult> Login(LoginModel model)
    {
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        var user = await users.FindByNameAsync(model.UserName) ?? await users.FindByEmailAsync(model.UserName);
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, model.Password, model.RememberMe, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            ModelState.AddModelError("", result.IsLockedOut ? "Too many failed attempts: try again in a few minutes." : "Wrong username or password.");
            return View(model);
        }

        TempData["Flash"] = "You are logged in.";
        return Url.IsLocalUrl(model.ReturnUrl) ? LocalRedirect(model.ReturnUrl) : RedirectToAction("Index", "Articles");
    }

    [HttpPost("logout"), Authorize]
    public async Task<IActionResult> Logout()
    {
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
