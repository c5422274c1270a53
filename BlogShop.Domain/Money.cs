using System.Globalization;

namespace BlogShop.Domain;

/// <summary>How the shop writes an amount (prices are in euros): <c>€12.50</c>, the same in every culture.</summary>
public static class Money
{
    public static string Format(decimal amount) => "€" + amount.ToString("0.00", CultureInfo.InvariantCulture);
}
