using System.Text.RegularExpressions;
using BlogShop.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BlogShop.Tests.Browser;

public sealed partial class ShopTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    [BrowserFact(Mail = true)]
    public async Task A_purchase_from_the_product_page_shows_the_order_and_mails_the_confirmation()
    {
        var product = await Host.AddProductAsync("Analytical mug", 12.50m, stock: 10);
        var buyer = Person.Create("Bea", "Byron");
        var page = await NewPageAsync("/");
        await page.RegisterAsync(buyer);

        await page.GetByRole(AriaRole.Link, new() { Name = "Shop", Exact = true }).ClickAsync();
        await Expect(page.Locator($".product[data-product-id='{product.Id}']")).ToContainTextAsync("€12.50");
        await page.GetByRole(AriaRole.Link, new() { Name = "Analytical mug" }).ClickAsync();
        await Expect(page.Locator("#stock")).ToHaveTextAsync("10 in stock");
        await page.BuyAsync(quantity: 2);

        await Expect(page.Locator("#flash")).ToContainTextAsync("Thank you! Your order #");
        await Expect(page.Locator("#order-total")).ToHaveTextAsync("€25.00");
        await Expect(page.Locator("#billing-address")).ToContainTextAsync("SW1Y 4JH London");
        var orderNumber = OrderNumber().Match(await page.Locator("h1").InnerTextAsync()).Groups[1].Value;
        using var mail = MailCatcher.FromEnvironment();
        var subject = $"Your BlogShop order #{orderNumber}";
        var confirmation = Assert.Single(await mail.WaitForAsync(buyer.Email, m => m.Any(x => x.Subject == subject), TimeSpan.FromSeconds(30)), m => m.Subject == subject);
        Assert.Contains("2 x Analytical mug at €12.50 = €25.00", confirmation.Text, StringComparison.Ordinal);
        await GotoAsync(page, "/orders");
        await Expect(page.Locator($".order[data-order-id='{orderNumber}']")).ToContainTextAsync("2 × Analytical mug");
    }

    [BrowserFact]
    public async Task Of_two_buyers_of_the_last_item_one_gets_it_and_the_other_is_told_it_sold_out()
    {
        var product = await Host.AddProductAsync("Last poster", 19m, stock: 1);
        var first = await NewPageAsync("/");
        var second = await NewPageAsync("/");
        await first.RegisterAsync(Person.Create("Fay", "First"));
        await second.RegisterAsync(Person.Create("Sid", "Second"));
        await GotoAsync(first, $"/shop/{product.Id}");
        await GotoAsync(second, $"/shop/{product.Id}");
        await Expect(second.Locator("#stock")).ToHaveTextAsync("1 in stock");

        await first.BuyAsync();
        await second.BuyAsync();

        await Expect(first.Locator("#flash")).ToContainTextAsync("Thank you! Your order #");
        await Expect(second.Locator("#purchase-error")).ToHaveTextAsync("Sorry, this product has just sold out: someone else bought the last one. Nothing was ordered.");
        await Expect(second.Locator("#stock")).ToHaveTextAsync("Sold out");
        await Expect(second.Locator("#profile-link")).ToBeVisibleAsync();
        var response = await second.APIRequest.GetAsync("/orders");
        Assert.Contains("You have not ordered anything yet.", await response.TextAsync(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"Order #(\d+)")]
    private static partial Regex OrderNumber();
}
