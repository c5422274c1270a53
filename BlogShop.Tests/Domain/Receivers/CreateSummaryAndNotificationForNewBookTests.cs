using BlogShop.Tests.Domain.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Tests.Domain.Receivers;

public sealed class CreateSummaryAndNotificationForNewBookTests
{
    [ProviderTheory, OnEveryProvider]
    public async Task A_new_book_gets_an_empty_summary_and_its_owner_a_notification(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var owner = await host.CreateUserAsync("ursula");

        var book = await host.BookAsync(owner, "The Left Hand of Darkness");

        var summary = await host.QueryAsync(db => db.Summaries.SingleAsync(s => s.BookId == book.Id));
        Assert.Equal("", summary.Content);
        var notification = Assert.Single(await host.NotificationsForAsync(owner.Id));
        Assert.Equal("A book titled 'The Left Hand of Darkness' was added.", notification.Message);
        Assert.Equal($"/books/{book.Id}", notification.Link);
    }

    [ProviderTheory, OnEveryProvider]
    public async Task An_untitled_book_is_announced_as_untitled(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var owner = await host.CreateUserAsync("ursula");

        await host.BookAsync(owner, "");

        Assert.Equal("A book titled 'Untitled' was added.", Assert.Single(await host.NotificationsForAsync(owner.Id)).Message);
    }

    [ProviderTheory, OnEveryProvider]
    public async Task Updating_a_book_adds_no_summary_and_no_notification(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var owner = await host.CreateUserAsync("ursula");
        var book = await host.BookAsync(owner);

        await using (var scoped = host.OpenDb())
        {
            (await scoped.Db.Books.SingleAsync(b => b.Id == book.Id)).Title = "Dune Messiah";
            await scoped.Db.SaveChangesAsync();
        }

        Assert.Equal(1, await host.QueryAsync(db => db.Summaries.CountAsync()));
        Assert.Single(await host.NotificationsForAsync(owner.Id));
    }

    [ProviderTheory, OnEveryProvider]
    public async Task Deleting_a_book_deletes_its_summary(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var owner = await host.CreateUserAsync("ursula");
        var book = await host.BookAsync(owner);

        await using (var scoped = host.OpenDb())
        {
            scoped.Db.Books.Remove(await scoped.Db.Books.SingleAsync(b => b.Id == book.Id));
            await scoped.Db.SaveChangesAsync();
        }

        Assert.Equal(0, await host.QueryAsync(db => db.Summaries.CountAsync()));
    }
}
