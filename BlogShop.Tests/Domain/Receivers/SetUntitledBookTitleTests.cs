using BlogShop.Tests.Domain.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Tests.Domain.Receivers;

public sealed class SetUntitledBookTitleTests
{
    [ProviderTheory, OnEveryProvider]
    public async Task A_book_without_a_title_is_untitled_and_a_given_title_is_kept(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var owner = await host.CreateUserAsync("ursula");

        var untitled = await host.BookAsync(owner, title: "  ");
        var titled = await host.BookAsync(owner, title: "The Dispossessed");

        Assert.Equal("Untitled", await host.QueryAsync(db => db.Books.Where(b => b.Id == untitled.Id).Select(b => b.Title).SingleAsync()));
        Assert.Equal("The Dispossessed", await host.QueryAsync(db => db.Books.Where(b => b.Id == titled.Id).Select(b => b.Title).SingleAsync()));
    }

    [ProviderTheory, OnEveryProvider]
    public async Task Clearing_the_title_of_an_existing_book_makes_it_untitled(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var owner = await host.CreateUserAsync("ursula");
        var book = await host.BookAsync(owner);

        await using (var scoped = host.OpenDb())
        {
            (await scoped.Db.Books.SingleAsync(b => b.Id == book.Id)).Title = "";
            await scoped.Db.SaveChangesAsync();
        }

        Assert.Equal("Untitled", await host.QueryAsync(db => db.Books.Select(b => b.Title).SingleAsync()));
    }
}
