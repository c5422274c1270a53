using BlogShop.Domain.Entities;
using BlogShop.Domain.Shop;
using BlogShop.Tests.Domain.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlogShop.Tests.Domain.Shop;

public sealed class CheckoutTests
{
    private static readonly BillingDetails Address = new("Ada", "Lovelace", "12 St James's Square", "", "London", "SW1Y 4JH", "United Kingdom");

    [ProviderTheory, OnEveryProvider]
    public async Task Buying_writes_the_order_line_stock_billing_profile_and_confirmation_mail_together(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var buyer = await host.CreateUserAsync("ada");
        var product = await AddProductAsync(host, "Mug", 12.50m, stock: 10);

        var result = await BuyAsync(host, buyer.Id, product.Id, 3, Address);

        Assert.Equal(PurchaseStatus.Placed, result.Status);
        var order = await host.QueryAsync(db => db.Orders.Include(o => o.Lines).SingleAsync());
        Assert.Equal(result.Order!.Id, order.Id);
        var line = Assert.Single(order.Lines);
        Assert.Equal((product.Id, "Mug", 12.50m, 3), (line.ProductId!.Value, line.ProductName, line.UnitPrice, line.Quantity));
        Assert.Equal(37.50m, order.Total);
        Assert.Equal(("Ada Lovelace", "London", "SW1Y 4JH"), (order.BillingName, order.City, order.PostalCode));
        Assert.Equal(7, await StockAsync(host, product.Id));
        var profile = await host.QueryAsync(db => db.BillingProfiles.SingleAsync(p => p.UserId == buyer.Id));
        Assert.Equal(("12 St James's Square", "London", "United Kingdom"), (profile.AddressLine1, profile.City, profile.Country));
        var mail = Assert.Single(await host.OutboxForAsync(buyer.Email!), m => m.Subject.Contains("order", StringComparison.OrdinalIgnoreCase));
        Assert.Equal($"Your BlogShop order #{order.Id}", mail.Subject);
        Assert.Contains("3 x Mug at €12.50 = €37.50", mail.Body, StringComparison.Ordinal);
        Assert.Contains("Total: €37.50", mail.Body, StringComparison.Ordinal);
        Assert.Contains($"/orders/{order.Id}", mail.Body, StringComparison.Ordinal);
    }

    [ProviderTheory, OnEveryProvider]
    public async Task Many_buyers_racing_for_the_last_items_never_oversell(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var product = await AddProductAsync(host, "Poster", 19m, stock: 2);
        var buyers = new List<ApplicationUser>();
        for (var i = 0; i < 6; i++)
        {
            buyers.Add(await host.CreateUserAsync($"buyer{i}"));
        }

        using var start = new SemaphoreSlim(0);
        var purchases = buyers.Select(b => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await BuyAsync(host, b.Id, product.Id, 1, Address);
        })).ToList();
        start.Release(buyers.Count);
        var results = await Task.WhenAll(purchases);

        Assert.Equal(2, results.Count(r => r.Status == PurchaseStatus.Placed));
        Assert.All(results.Where(r => r.Status != PurchaseStatus.Placed), r => Assert.Equal((PurchaseStatus.NotEnoughStock, 0), (r.Status, r.Available)));
        Assert.Equal(0, await StockAsync(host, product.Id));
        Assert.Equal(2, await host.QueryAsync(db => db.Orders.CountAsync()));
        Assert.Equal(2, await host.QueryAsync(db => db.OutboxEmails.CountAsync(m => m.Subject.StartsWith("Your BlogShop order"))));
    }

    [ProviderTheory, OnEveryProvider]
    public async Task Buyers_who_collide_while_stock_is_left_all_get_their_order(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var product = await AddProductAsync(host, "Notebook", 8.90m, stock: 20);
        var buyers = new List<ApplicationUser>();
        for (var i = 0; i < 4; i++)
        {
            buyers.Add(await host.CreateUserAsync($"reader{i}"));
        }

        using var start = new SemaphoreSlim(0);
        var purchases = buyers.Select(b => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await BuyAsync(host, b.Id, product.Id, 2, Address);
        })).ToList();
        start.Release(buyers.Count);
        var results = await Task.WhenAll(purchases);

        Assert.All(results, r => Assert.Equal(PurchaseStatus.Placed, r.Status));
        Assert.Equal(12, await StockAsync(host, product.Id));
    }

    [ProviderTheory, OnEveryProvider]
    public async Task Asking_for_more_than_is_left_writes_nothing_and_says_how_many_are_left(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var buyer = await host.CreateUserAsync("alan");
        var product = await AddProductAsync(host, "Mug", 12.50m, stock: 2);

        var result = await BuyAsync(host, buyer.Id, product.Id, 3, Address);

        Assert.Equal((PurchaseStatus.NotEnoughStock, 2), (result.Status, result.Available));
        Assert.Equal(2, await StockAsync(host, product.Id));
        Assert.Equal(0, await host.QueryAsync(db => db.Orders.CountAsync()));
        Assert.Equal("", await host.QueryAsync(db => db.BillingProfiles.Where(p => p.UserId == buyer.Id).Select(p => p.City).SingleAsync()));
    }

    [ProviderTheory, OnEveryProvider]
    public async Task A_buyer_without_a_billing_address_is_asked_for_one_and_nothing_is_written(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var buyer = await host.CreateUserAsync("grace");
        var product = await AddProductAsync(host, "Mug", 12.50m, stock: 2);

        var withoutAddress = await BuyAsync(host, buyer.Id, product.Id, 1, billing: null);
        var withHalfAnAddress = await BuyAsync(host, buyer.Id, product.Id, 1, Address with { City = " " });

        Assert.Equal(PurchaseStatus.BillingIncomplete, withoutAddress.Status);
        Assert.Equal(PurchaseStatus.BillingIncomplete, withHalfAnAddress.Status);
        Assert.Equal(2, await StockAsync(host, product.Id));
        Assert.Equal(0, await host.QueryAsync(db => db.Orders.CountAsync()));
    }

    [ProviderTheory, OnEveryProvider]
    public async Task Sales_that_take_the_stock_below_five_notify_staff_once_not_on_every_sale(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var staff = await host.CreateUserAsync("sam", isStaff: true);
        var buyer = await host.CreateUserAsync("carl");
        var product = await AddProductAsync(host, "Cups", 4m, stock: 6);

        foreach (var _ in Enumerable.Range(0, 4))
        {
            Assert.Equal(PurchaseStatus.Placed, (await BuyAsync(host, buyer.Id, product.Id, 1, Address)).Status);
        }

        Assert.Equal(2, await StockAsync(host, product.Id));
        var notification = Assert.Single(await host.NotificationsForAsync(staff.Id));
        Assert.Equal("Low stock: 'Cups' has 4 left.", notification.Message);
        Assert.Equal($"/shop/{product.Id}", notification.Link);
        Assert.Single(await host.OutboxForAsync(staff.Email!), m => m.Subject == "Low stock: Cups");
    }

    [ProviderTheory, OnEveryProvider]
    public async Task A_quantity_below_one_is_refused(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var buyer = await host.CreateUserAsync("ivy");
        var product = await AddProductAsync(host, "Mug", 1m, stock: 2);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => BuyAsync(host, buyer.Id, product.Id, 0, Address));
        Assert.Equal(2, await StockAsync(host, product.Id));
    }

    private static async Task<PurchaseResult> BuyAsync(DomainHost host, string buyerId, int productId, int quantity, BillingDetails? billing)
    {
        await using var scoped = host.OpenDb();
        return await scoped.Services.GetRequiredService<Checkout>().BuyAsync(buyerId, productId, quantity, billing, CancellationToken.None);
    }

    private static async Task<Product> AddProductAsync(DomainHost host, string name, decimal price, int stock)
    {
        await using var scoped = host.OpenDb();
        var product = new Product { Name = name, Price = price, Stock = stock };
        scoped.Db.Products.Add(product);
        await scoped.Db.SaveChangesAsync();
        return product;
    }

    private static Task<int> StockAsync(DomainHost host, int productId) =>
        host.QueryAsync(db => db.Products.Where(p => p.Id == productId).Select(p => p.Stock).SingleAsync());
}
