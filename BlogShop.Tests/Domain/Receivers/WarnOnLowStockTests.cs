using BlogShop.Domain.Entities;
using BlogShop.Domain.Receivers;
using BlogShop.Tests.Domain.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BlogShop.Tests.Domain.Receivers;

public sealed class WarnOnLowStockTests
{
    [ProviderTheory, OnEveryProvider]
    public async Task A_product_saved_with_low_stock_warns_and_notifies_every_staff_user(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var (staff1, staff2, customer) = await ArrangeAsync(host);

        await SaveProductAsync(host, new Product { Name = "Teapot", Stock = 3 });

        Assert.Single(LowStockWarnings(host));
        foreach (var staff in new[] { staff1, staff2 })
        {
            Assert.Equal("Low stock: 'Teapot' has 3 left.", Assert.Single(await host.NotificationsForAsync(staff.Id)).Message);
        }

        Assert.Empty(await host.NotificationsForAsync(customer.Id));
    }

    [ProviderTheory, OnEveryProvider]
    public async Task A_product_with_enough_stock_is_quiet(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var (staff, _, _) = await ArrangeAsync(host);

        await SaveProductAsync(host, new Product { Name = "Kettle", Stock = Product.LowStockThreshold });

        Assert.Empty(LowStockWarnings(host));
        Assert.Empty(await host.NotificationsForAsync(staff.Id));
    }

    [ProviderTheory, OnEveryProvider]
    public async Task Stock_falling_below_five_warns_and_an_unrelated_edit_does_not_warn_again(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var (staff, _, _) = await ArrangeAsync(host);
        var product = await SaveProductAsync(host, new Product { Name = "Cups", Stock = 10 });

        await using (var scoped = host.OpenDb())
        {
            var stored = await scoped.Db.Products.SingleAsync(p => p.Id == product.Id);
            stored.Stock = 4;
            await scoped.Db.SaveChangesAsync();
            stored.Name = "Tea cups";
            await scoped.Db.SaveChangesAsync();
        }

        Assert.Single(LowStockWarnings(host));
        Assert.Equal("Low stock: 'Cups' has 4 left.", Assert.Single(await host.NotificationsForAsync(staff.Id)).Message);
    }

    [ProviderTheory, OnEveryProvider]
    public async Task Stock_that_stays_low_warns_once_and_again_only_after_it_was_restocked(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var (staff, _, _) = await ArrangeAsync(host);
        var product = await SaveProductAsync(host, new Product { Name = "Cups", Stock = 10 });

        foreach (var stock in new[] { 4, 3, 1, 0, 12, 2 })
        {
            await using var scoped = host.OpenDb();
            var stored = await scoped.Db.Products.SingleAsync(p => p.Id == product.Id);
            stored.Stock = stock;
            await scoped.Db.SaveChangesAsync();
        }

        Assert.Equal(2, LowStockWarnings(host).Count);
        Assert.Equal(["Low stock: 'Cups' has 4 left.", "Low stock: 'Cups' has 2 left."], (await host.NotificationsForAsync(staff.Id)).Select(n => n.Message));
        Assert.Equal(2, (await LowStockMailsAsync(host, staff)).Count);
    }

    [ProviderTheory, OnEveryProvider]
    public async Task Staff_with_an_email_get_the_warning_by_mail_with_a_link_to_the_product(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var (staff, _, customer) = await ArrangeAsync(host);
        var product = await SaveProductAsync(host, new Product { Name = "Kettle", Stock = 5 });

        await using (var scoped = host.OpenDb())
        {
            var stored = await scoped.Db.Products.SingleAsync(p => p.Id == product.Id);
            stored.Stock = 4;
            await scoped.Db.SaveChangesAsync();
        }

        var mail = Assert.Single(await LowStockMailsAsync(host, staff));
        Assert.Equal("Low stock: Kettle", mail.Subject);
        Assert.Contains($"/shop/{product.Id}", mail.Body, StringComparison.Ordinal);
        Assert.Empty(await LowStockMailsAsync(host, customer));
    }

    [ProviderTheory, OnEveryProvider]
    public async Task A_rolled_back_low_stock_save_neither_warns_nor_notifies(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var (staff, _, _) = await ArrangeAsync(host);

        await using (var scoped = host.OpenDb())
        {
            await using var transaction = await scoped.Db.Database.BeginTransactionAsync();
            scoped.Db.Products.Add(new Product { Name = "Teapot", Stock = 1 });
            await scoped.Db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        Assert.Empty(LowStockWarnings(host));
        Assert.Empty(await host.NotificationsForAsync(staff.Id));
    }

    private static async Task<List<OutboxEmail>> LowStockMailsAsync(DomainHost host, ApplicationUser user) =>
        (await host.OutboxForAsync(user.Email!)).Where(m => m.Subject.StartsWith("Low stock", StringComparison.Ordinal)).ToList();

    private static List<LogEntry> LowStockWarnings(DomainHost host) =>
        host.Logs.Entries.Where(e => e.Category == typeof(WarnOnLowStock).FullName && e.Level == LogLevel.Warning).ToList();

    private static async Task<(ApplicationUser Staff1, ApplicationUser Staff2, ApplicationUser Customer)> ArrangeAsync(DomainHost host) =>
        (await host.CreateUserAsync("sam", isStaff: true), await host.CreateUserAsync("sue", isStaff: true), await host.CreateUserAsync("carl"));

    private static async Task<Product> SaveProductAsync(DomainHost host, Product product)
    {
        await using var scoped = host.OpenDb();
        scoped.Db.Products.Add(product);
        await scoped.Db.SaveChangesAsync();
        return product;
    }
}
