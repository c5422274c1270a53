using BlogShop.Domain.Email;
using BlogShop.Domain.Entities;
using BlogShop.Web.Models;
using Microsoft.AspNetCore.Identity;

namespace BlogShop.Web.Infrastructure;

/// <summary>
/// Every user the site saves has an address the mail sender can deliver to (<see cref="EmailAddresses"/>, MimeKit's
/// strict parser): registration, the profile and any later form go through Identity's user validators.
/// </summary>
internal sealed class DeliverableEmailValidator : IUserValidator<ApplicationUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(user.Email is null || EmailAddresses.IsDeliverable(user.Email)
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = "InvalidEmail", Description = DeliverableEmailAttribute.Message }));
    }
}
