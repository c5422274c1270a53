using System.Globalization;

namespace BlogShop.Domain;

/// <summary>The site-relative links notifications and emails point to (the site's routes).</summary>
public static class Links
{
    public static string Article(string slug) => $"/articles/{Uri.EscapeDataString(slug)}";

    public const string Profile = "/profile";

    public static string Book(int id) => string.Create(CultureInfo.InvariantCulture, $"/books/{id}");
}
