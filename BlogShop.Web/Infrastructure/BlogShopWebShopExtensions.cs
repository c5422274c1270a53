using BlogShop.Web.Accounts;
using BlogShop.Web.Authorization;
using Microsoft.AspNetCore.Authorization;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>What the shop and the account flows add to the site.</summary>
public static class BlogShopWebShopExtensions
{
    /// <summary>The <see cref="StaffRequirement.Policy"/> authorization policy and the account emails (<see cref="AccountMail"/>).</summary>
    public static IServiceCollection AddBlogShopShopAndAccounts(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder().AddPolicy(StaffRequirement.Policy, policy => policy.RequireAuthenticatedUser().AddRequirements(new StaffRequirement()));
        services.AddScoped<IAuthorizationHandler, StaffRequirementHandler>();
        services.AddScoped<AccountMail>();
        return services;
    }
}
