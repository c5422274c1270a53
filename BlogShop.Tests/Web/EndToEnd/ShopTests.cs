using System.Net;
using BlogShop.Domain.Entities;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Tests.Web.EndToEnd;

public sealed class ShopTests(BlogShopFactory factory) : IClassFixture<BlogShopFactory>
{
    [Fact]
    public async Task The_shop_lists_each_product_with_its_price_and_stock()
    {
        var product = await factory.AddProductAsync("Listed lamp", 24.90m, stock: 7);
        using var visitor = factory.NewSession();

        var page = WebUtility.HtmlDecode(await visitor.GetPageAsync("/shop"));

        Assert.Contains($"href=\"/shop/{product.Id}\"", page, StringComparison.Ordinal);
        Assert.Contains("Listed lamp", page, StringComparison.Ordinal);
        Assert.Contains("€24.90", page, StringComparison.Ordinal);
        Assert.Contains("7 in stock", page, StringComparison.Ordinal);
        Assert.Contains("Log in</a> or <a href=\"/account/register\">register</a> to buy", await visitor.GetPageAsync($"/shop/{product.Id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_buyer_without_an_address_is_asked_for_it_next_to_the_fields_and_the_order_saves_it_to_the_profile()
    {
        var product = await factory.AddProductAsync("Address mug", 12.50m, stock: 5);
        using var buyer = factory.NewSession();
        var userName = await buyer.RegisterAsync("shopper1");
        Assert.Contains("Where should we send the bill?", await buyer.GetPageAsync($"/shop/{product.Id}"), StringComparison.Ordinal);

        using (var missing = await buyer.BuyAsync(product.Id, 2, withAddress: false))
        {
            Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
            Assert.Matches("data-valmsg-for=\"Purchase.AddressLine1\"[^>]*>Please enter your address.", WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync()));
            Assert.Equal(5, await factory.StockAsync(product.Id));
        }

        using var placed = await buyer.BuyAsync(product.Id, 2);
        var orderId = ShopSteps.OrderIdOf(placed);

        var orderPage = WebUtility.HtmlDecode(await buyer.GetPageAsync($"/orders/{orderId}"));
        Assert.Contains($"Order #{orderId}", orderPage, StringComparison.Ordinal);
        Assert.Contains("id=\"order-total\">€25.00", orderPage, StringComparison.Ordinal);
        Assert.Contains("SW1Y 4JH London", orderPage, StringComparison.Ordinal);
        Assert.Contains($"href=\"/orders/{orderId}\"", await buyer.GetPageAsync("/orders"), StringComparison.Ordinal);
        Assert.Equal(3, await factory.StockAsync(product.Id));
        var profile = await factory.SingleOrDefaultAsync(db => db.BillingProfiles.Where(p => p.User!.UserName == userName));
        Assert.Equal(("12 St James's Square", "London"), (profile!.AddressLine1, profile.City));
        var mail = await factory.SingleOrDefaultAsync(db => db.OutboxEmails.Where(m => m.To == $"{userName}@example.com" && m.Subject.Contains("order")));
        Assert.Equal($"Your BlogShop order #{orderId}", mail!.Subject);

        // The address is on the profile now: the next purchase does not ask again.
        Assert.Contains("id=\"billed-to\"", await buyer.GetPageAsync($"/shop/{product.Id}"), StringComparison.Ordinal);
        using var second = await buyer.BuyAsync(product.Id, 1, withAddress: false);
        ShopSteps.OrderIdOf(second);
    }

    [Fact]
    public async Task Two_buyers_of_the_last_item_get_one_order_and_one_clear_message()
    {
        await ShopConcurrency.TwoBuyersOfTheLastItemAsync(factory, "sqlite");
    }

    [Fact]
    public async Task Asking_for_more_than_is_in_stock_says_how_many_are_left_and_orders_nothing()
    {
        var product = await factory.AddProductAsync("Scarce scarf", 30m, stock: 2);
        using var buyer = factory.NewSession();
        await buyer.RegisterAsync("greedy1");

        using var response = await buyer.BuyAsync(product.Id, 3);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("only 2 left", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(2, await factory.StockAsync(product.Id));
    }

    [Fact]
    public async Task A_quantity_out_of_range_is_refused_next_to_the_field()
    {
        var product = await factory.AddProductAsync("Range ruler", 3m, stock: 500);
        using var buyer = factory.NewSession();
        await buyer.RegisterAsync("ranger1");

        using var zero = await buyer.SubmitAsync($"/shop/{product.Id}", $"/shop/{product.Id}/buy", ShopSteps.BuyFields(0, withAddress: true));
        using var text = await buyer.SubmitAsync($"/shop/{product.Id}", $"/shop/{product.Id}/buy", WebSession.Fields([("Purchase.Quantity", "lots"), .. ShopSteps.Address]));

        Assert.Matches("id=\"purchase-error\"[^>]*>Choose between 1 and 100.", await zero.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, text.StatusCode);
        Assert.Equal(500, await factory.StockAsync(product.Id));
    }

    [Fact]
    public async Task Someone_elses_order_is_forbidden_and_buying_needs_a_login()
    {
        var product = await factory.AddProductAsync("Private pen", 2m, stock: 5);
        using var buyer = factory.NewSession();
        using var other = factory.NewSession();
        await buyer.RegisterAsync("owner1");
        await other.RegisterAsync("snoop1");
        using var placed = await buyer.BuyAsync(product.Id);
        var orderId = ShopSteps.OrderIdOf(placed);

        using var snooping = await other.Client.GetAsync(new Uri($"/orders/{orderId}", UriKind.Relative));
        using var anonymous = factory.NewSession();
        using var anonymousBuy = await anonymous.Client.GetAsync(new Uri("/orders", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, snooping.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, anonymousBuy.StatusCode);
        Assert.DoesNotContain($"/orders/{orderId}", await other.GetPageAsync("/orders"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_add_and_edit_products_and_everyone_else_is_refused()
    {
        using var staff = factory.NewSession();
        using var customer = factory.NewSession();
        await staff.RegisterAsync("keeper1");
        await factory.MakeStaffAsync("keeper1");
        await customer.RegisterAsync("customer1");

        using (var refused = await customer.Client.GetAsync(new Uri("/shop/new", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using var added = await staff.SubmitAsync("/shop/new", "/shop/new", WebSession.Fields(
            ("Name", "Staff teapot"), ("Description", "Round."), ("Price", "31.50"), ("Stock", "9")), new Upload("Picture", "teapot.png", "image/png", WebSession.PngBytes));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var id = int.Parse(added.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var stored = await factory.SingleOrDefaultAsync(db => db.Products.Where(p => p.Id == id));
        Assert.Equal(("Staff teapot", 31.50m, 9), (stored!.Name, stored.Price, stored.Stock));
        Assert.StartsWith("products/", stored.Picture, StringComparison.Ordinal);

        using (var forbiddenEdit = await customer.PostAsync($"/shop/{id}/edit", WebSession.Fields(("Name", "Hacked"), ("Price", "0"), ("Stock", "0"))))
        {
            Assert.True(forbiddenEdit.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"A customer's edit answered {(int)forbiddenEdit.StatusCode}.");
        }

        using var edited = await staff.SubmitAsync($"/shop/{id}/edit", $"/shop/{id}/edit", WebSession.Fields(
            ("Name", "Staff teapot"), ("Description", "Round."), ("Price", "29.00"), ("Stock", "40"), ("OriginalStock", "9")));
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal((29.00m, 40), await factory.WithDbAsync(db => db.Products.Where(p => p.Id == id).Select(p => ValueTuple.Create(p.Price, p.Stock)).SingleAsync()));
    }

    [Fact]
    public async Task A_staff_edit_made_on_a_stock_that_sold_meanwhile_is_refused_with_the_current_stock()
    {
        var product = await factory.AddProductAsync("Busy bowl", 10m, stock: 8);
        using var staff = factory.NewSession();
        using var buyer = factory.NewSession();
        await staff.RegisterAsync("keeper2");
        await factory.MakeStaffAsync("keeper2");
        await buyer.RegisterAsync("buyer2");
        var token = await staff.TokenAsync($"/shop/{product.Id}/edit");

        using (var sale = await buyer.BuyAsync(product.Id, 3))
        {
            ShopSteps.OrderIdOf(sale);
        }

        using var stale = await staff.PostAsync($"/shop/{product.Id}/edit", WebSession.Fields(
            ("Name", "Busy bowl"), ("Description", ""), ("Price", "10"), ("Stock", "20"), ("OriginalStock", "8"), ("__RequestVerificationToken", token)));

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Matches("id=\"stock-error\"[^>]*>The stock changed to 5 while you were editing", WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync()));
        Assert.Equal(5, await factory.StockAsync(product.Id));
    }

    [Fact]
    public async Task Stock_crossing_below_five_notifies_staff_once_in_the_site_and_by_mail_not_on_every_sale()
    {
        using var staff = factory.NewSession();
        using var buyer = factory.NewSession();
        var staffName = await staff.RegisterAsync("keeper3");
        await factory.MakeStaffAsync(staffName);
        await buyer.RegisterAsync("buyer3");
        var product = await factory.AddProductAsync("Crossing cup", 5m, stock: 6);

        foreach (var quantity in new[] { 1, 1, 1, 2 })
        {
            using var sale = await buyer.BuyAsync(product.Id, quantity);
            ShopSteps.OrderIdOf(sale);
        }

        using (var edit = await staff.SubmitAsync($"/shop/{product.Id}/edit", $"/shop/{product.Id}/edit", WebSession.Fields(
            ("Name", "Crossing cup"), ("Description", "Still low."), ("Price", "5"), ("Stock", "0"), ("OriginalStock", "1"))))
        {
            Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        }

        var notifications = WebUtility.HtmlDecode(await staff.GetPageAsync("/notifications"));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(notifications, "Low stock: 'Crossing cup' has 4 left."));
        Assert.DoesNotContain("has 3 left", notifications, StringComparison.Ordinal);
        var mails = await factory.ListAsync(db => db.OutboxEmails.Where(m => m.To == $"{staffName}@example.com" && m.Subject.StartsWith("Low stock")));
        Assert.Equal("Low stock: Crossing cup", Assert.Single(mails).Subject);
    }
}

/// <summary>The same race on the site over PostgreSQL, where the two purchases really overlap in the database.</summary>
public sealed class ShopConcurrencyOnPostgresTests(PostgresBlogShopFactory factory) : IClassFixture<PostgresBlogShopFactory>
{
    [Infrastructure.PostgresFact]
    public async Task Two_buyers_of_the_last_item_get_one_order_and_one_clear_message() =>
        await ShopConcurrency.TwoBuyersOfTheLastItemAsync(factory, "pg");
}

internal static class ShopConcurrency
{
    /// <summary>Two signed-in buyers post "buy" for the last item at the same moment, several rounds.</summary>
    public static async Task TwoBuyersOfTheLastItemAsync(BlogShopFactory factory, string prefix)
    {
        using var first = factory.NewSession();
        using var second = factory.NewSession();
        await first.RegisterAsync($"{prefix}first");
        await second.RegisterAsync($"{prefix}second");
        for (var round = 0; round < 5; round++)
        {
            var product = await factory.AddProductAsync($"Last {prefix} item {round}", 99m, stock: 1);
            var tokens = await Task.WhenAll(first.TokenAsync($"/shop/{product.Id}"), second.TokenAsync($"/shop/{product.Id}"));
            var posts = new[] { first, second }.Select((session, i) => session.PostAsync(
                $"/shop/{product.Id}/buy", [.. ShopSteps.BuyFields(1, withAddress: true), new("__RequestVerificationToken", tokens[i])])).ToList();
            var responses = await Task.WhenAll(posts);
            try
            {
                Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
                var refused = responses.Single(r => r.StatusCode == HttpStatusCode.Conflict);
                Assert.Contains("this product has just sold out: someone else bought the last one", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
                Assert.Equal(0, await factory.StockAsync(product.Id));
                Assert.Equal(1, await factory.WithDbAsync(db => db.OrderLines.CountAsync(l => l.ProductId == product.Id)));
            }
            finally
            {
                foreach (var response in responses)
                {
                    response.Dispose();
                }
            }
        }
    }
}
