using Microsoft.AspNetCore.Identity;

namespace BlogShop.Domain.Entities;

/// <summary>A site user (ASP.NET Core Identity). The email is unique, compared case-insensitively.</summary>
public class ApplicationUser : IdentityUser
{
    public string FirstName { get; set; } = "";

    public string LastName { get; set; } = "";

    /// <summary>Staff users (Django's <c>is_staff</c>) receive operational notifications such as low stock.</summary>
    public bool IsStaff { get; set; }

    public BillingProfile? Profile { get; set; }

    public string DisplayName =>
        $"{FirstName} {LastName}".Trim() is { Length: > 0 } name ? name : UserName ?? Email ?? Id;
}
