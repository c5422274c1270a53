using BlogShop.Domain.Data;
using BlogShop.Domain.Entities;
using BlogShop.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BlogShop.Tests.Browser;

/// <summary>The shop steps of the browser tests: products put on sale in the host's database, buying through the page.</summary>
internal static class ShopSite
{
    public static async Task<Product> AddProductAsync(this BlogShopHost host, string name, decimal price, int stock)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogShopDbContext>();
        var product = new Product { Name = name, Price = price, Stock = stock, Description = $"A fine {name.ToLowerInvariant()}." };
        db.Products.Add(product);
        await db.SaveChangesAsync();
        return product;
    }

    /// <summary>On a product page: fills in the billing address the form asks for, the quantity, and presses Buy.</summary>
    public static async Task BuyAsync(this IPage page, int quantity = 1)
    {
        if (await page.GetByLabel("Address", new() { Exact = true }).CountAsync() > 0)
        {
            await page.GetByLabel("Address", new() { Exact = true }).FillAsync("12 St James's Square");
            await page.GetByLabel("Postal code").FillAsync("SW1Y 4JH");
            await page.GetByLabel("City").FillAsync("London");
            await page.GetByLabel("Country").FillAsync("United Kingdom");
        }

        await page.GetByLabel("Quantity").FillAsync(quantity.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Buy" }).ClickAsync();
    }
}
