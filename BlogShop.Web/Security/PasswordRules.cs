namespace BlogShop.Web.Security;

/// <summary>The password rule of the site: a minimum length, no composition rules.</summary>
public static class PasswordRules
{
    /// <summary>Passwords shorter than this are refused at registration (and every password change).</summary>
    public const int MinimumLength = 10;
}
