using System.Net;
using BlogShop.Domain.Entities;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Tests.Web.EndToEnd;

/// <summary>The shop steps the end-to-end tests share: products and staff arranged in the database, buying through the form.</summary>
internal static class ShopSteps
{
    public static readonly (string Name, string Value)[] Address =
        [("Purchase.FirstName", "Ada"), ("Purchase.LastName", "Lovelace"), ("Purchase.AddressLine1", "12 St James's Square"),
         ("Purchase.AddressLine2", ""), ("Purchase.City", "London"), ("Purchase.PostalCode", "SW1Y 4JH"), ("Purchase.Country", "United Kingdom")];

    public static Task<Product> AddProductAsync(this BlogShopFactory factory, string name, decimal price, int stock) =>
        factory.WithDbAsync(async db =>
        {
            var product = new Product { Name = name, Price = price, Stock = stock, Description = $"A fine {name}." };
            db.Products.Add(product);
            await db.SaveChangesAsync();
            return product;
        });

    public static Task MakeStaffAsync(this BlogShopFactory factory, string userName) =>
        factory.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsStaff, true)));

    public static Task<int> StockAsync(this BlogShopFactory factory, int productId) =>
        factory.WithDbAsync(db => db.Products.Where(p => p.Id == productId).Select(p => p.Stock).SingleAsync());

    /// <summary>Buys through the product page's form, giving the billing address when <paramref name="withAddress"/>.</summary>
    public static Task<HttpResponseMessage> BuyAsync(this WebSession session, int productId, int quantity = 1, bool withAddress = true) =>
        session.SubmitAsync($"/shop/{productId}", $"/shop/{productId}/buy", BuyFields(quantity, withAddress));

    public static KeyValuePair<string, string>[] BuyFields(int quantity, bool withAddress) =>
        WebSession.Fields([("Purchase.Quantity", quantity.ToString(System.Globalization.CultureInfo.InvariantCulture)), .. withAddress ? Address : []]);

    /// <summary>The order id of a successful purchase (its redirect to the order page).</summary>
    public static int OrderIdOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/orders/", location, StringComparison.Ordinal);
        return int.Parse(location["/orders/".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
