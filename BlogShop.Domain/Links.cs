using System.Globalization;

namespace BlogShop.Domain;

/// <summary>The site-relative links notifications and emails point to (the site's routes).</summary>
public static class Links
{
    public static string Article(string slug) => $"/articles/{Uri.EscapeDataString(slug)}";

    public const string Profile = "/profile";

    public const string Shop = "/shop";

    public static string Book(int id) => string.Create(CultureInfo.InvariantCulture, $"/books/{id}");

    public static string Product(int id) => string.Create(CultureInfo.InvariantCulture, $"/shop/{id}");

    public static string Order(int id) => string.Create(CultureInfo.InvariantCulture, $"/orders/{id}");
}
