using BlogShop.Tests.Domain.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Tests.Domain.Receivers;

public sealed class DeleteBookCoverAfterCommitTests
{
    [ProviderTheory, OnEveryProvider]
    public async Task Deleting_a_book_deletes_its_cover_after_the_commit(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var owner = await host.CreateUserAsync("ursula");
        var cover = host.MediaFile("covers");
        var book = await host.BookAsync(owner, cover: cover);

        await using (var scoped = host.OpenDb())
        {
            await using var transaction = await scoped.Db.Database.BeginTransactionAsync();
            scoped.Db.Books.Remove(await scoped.Db.Books.SingleAsync(b => b.Id == book.Id));
            await scoped.Db.SaveChangesAsync();
            Assert.True(host.MediaExists(cover), "the cover stays until the commit");
            await transaction.CommitAsync();
        }

        Assert.False(host.MediaExists(cover));
    }

    [ProviderTheory, OnEveryProvider]
    public async Task Deleting_without_an_explicit_transaction_deletes_the_cover_once_saved(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var owner = await host.CreateUserAsync("ursula");
        var cover = host.MediaFile("covers");
        var book = await host.BookAsync(owner, cover: cover);

        await using (var scoped = host.OpenDb())
        {
            scoped.Db.Books.Remove(await scoped.Db.Books.SingleAsync(b => b.Id == book.Id));
            await scoped.Db.SaveChangesAsync();
        }

        Assert.False(host.MediaExists(cover));
    }

    [ProviderTheory, OnEveryProvider]
    public async Task A_rolled_back_delete_keeps_the_cover(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var owner = await host.CreateUserAsync("ursula");
        var cover = host.MediaFile("covers");
        var book = await host.BookAsync(owner, cover: cover);

        await using (var scoped = host.OpenDb())
        {
            await using var transaction = await scoped.Db.Database.BeginTransactionAsync();
            scoped.Db.Books.Remove(await scoped.Db.Books.SingleAsync(b => b.Id == book.Id));
            await scoped.Db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        Assert.True(host.MediaExists(cover));
        Assert.Equal(1, await host.QueryAsync(db => db.Books.CountAsync()));
    }

    [ProviderTheory, OnEveryProvider]
    public async Task Replacing_the_cover_deletes_the_old_file_after_the_commit(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var owner = await host.CreateUserAsync("ursula");
        var oldCover = host.MediaFile("covers");
        var newCover = host.MediaFile("covers");
        var book = await host.BookAsync(owner, cover: oldCover);

        await using (var scoped = host.OpenDb())
        {
            (await scoped.Db.Books.SingleAsync(b => b.Id == book.Id)).Cover = newCover;
            await scoped.Db.SaveChangesAsync();
        }

        Assert.False(host.MediaExists(oldCover));
        Assert.True(host.MediaExists(newCover));
    }

    [ProviderTheory, OnEveryProvider]
    public async Task A_rolled_back_replacement_keeps_the_old_cover(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var owner = await host.CreateUserAsync("ursula");
        var oldCover = host.MediaFile("covers");
        var book = await host.BookAsync(owner, cover: oldCover);

        await using (var scoped = host.OpenDb())
        {
            await using var transaction = await scoped.Db.Database.BeginTransactionAsync();
            (await scoped.Db.Books.SingleAsync(b => b.Id == book.Id)).Cover = host.MediaFile("covers");
            await scoped.Db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        Assert.True(host.MediaExists(oldCover));
    }

    [ProviderTheory, OnEveryProvider]
    public async Task Renaming_a_book_keeps_its_cover(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var owner = await host.CreateUserAsync("ursula");
        var cover = host.MediaFile("covers");
        var book = await host.BookAsync(owner, cover: cover);

        await using (var scoped = host.OpenDb())
        {
            (await scoped.Db.Books.SingleAsync(b => b.Id == book.Id)).Title = "Renamed";
            await scoped.Db.SaveChangesAsync();
        }

        Assert.True(host.MediaExists(cover));
    }
}
