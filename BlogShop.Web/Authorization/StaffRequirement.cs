using BlogShop.Domain.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace BlogShop.Web.Authorization;

/// <summary>The <see cref="StaffRequirement.Policy"/> policy: the signed-in user is staff (<see cref="ApplicationUser.IsStaff"/>).</summary>
public sealed class StaffRequirement : IAuthorizationRequirement
{
    public const string Policy = "Staff";
}

/// <summary>
/// Reads <see cref="ApplicationUser.IsStaff"/> from the database on each check, so making someone staff (or not) takes
/// effect at once, without signing in again. Anyone else is refused (403 when signed in).
/// </summary>
internal sealed class StaffRequirementHandler(UserManager<ApplicationUser> users) : AuthorizationHandler<StaffRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, StaffRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true && await users.GetUserAsync(context.User) is { IsStaff: true })
        {
            context.Succeed(requirement);
        }
    }
}
