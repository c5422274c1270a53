using BlogShop.Domain.Receivers;
using BlogShop.Tests.Domain.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Tests.Domain.Receivers;

public sealed class DeleteArticleImageAfterCommitTests
{
    [ProviderTheory, OnEveryProvider]
    public async Task Deleting_an_article_deletes_its_image_only_when_the_transaction_commits(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var author = await host.CreateUserAsync("kay");
        var image = host.MediaFile("articles");
        var article = await host.ArticleAsync(author, image: image);

        await using (var scoped = host.OpenDb())
        {
            await using var transaction = await scoped.Db.Database.BeginTransactionAsync();
            scoped.Db.Articles.Remove(await scoped.Db.Articles.SingleAsync(a => a.Id == article.Id));
            await scoped.Db.SaveChangesAsync();
            Assert.True(host.MediaExists(image), "the file stays until the commit");

            await transaction.CommitAsync();
        }

        Assert.False(host.MediaExists(image));
        Assert.Contains(host.Logs.Entries, e => e.Category == typeof(DeleteArticleImageAfterCommit).FullName && e.Message.Contains(image, StringComparison.Ordinal));
    }

    [ProviderTheory, OnEveryProvider]
    public async Task Deleting_the_author_cascades_to_the_articles_and_their_images(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var author = await host.CreateUserAsync("kay");
        var images = new[] { host.MediaFile("articles"), host.MediaFile("articles") };
        foreach (var image in images)
        {
            await host.ArticleAsync(author, "Same title", image: image);
        }

        await using (var scoped = host.OpenDb())
        {
            scoped.Db.Users.Remove(await scoped.Db.Users.SingleAsync(u => u.Id == author.Id));
            await scoped.Db.SaveChangesAsync();
        }

        Assert.Equal(0, await host.QueryAsync(db => db.Articles.CountAsync()));
        Assert.All(images, image => Assert.False(host.MediaExists(image)));
    }

    [ProviderTheory, OnEveryProvider]
    public async Task A_rolled_back_delete_keeps_the_image(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var author = await host.CreateUserAsync("kay");
        var image = host.MediaFile("articles");
        var article = await host.ArticleAsync(author, image: image);

        await using (var scoped = host.OpenDb())
        {
            await using var transaction = await scoped.Db.Database.BeginTransactionAsync();
            scoped.Db.Articles.Remove(await scoped.Db.Articles.SingleAsync(a => a.Id == article.Id));
            await scoped.Db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        Assert.True(host.MediaExists(image));
        Assert.Equal(1, await host.QueryAsync(db => db.Articles.CountAsync()));
    }

    [ProviderTheory, OnEveryProvider]
    public async Task Replacing_the_image_deletes_the_old_file_and_keeps_the_new_one(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var author = await host.CreateUserAsync("kay");
        var oldImage = host.MediaFile("articles");
        var newImage = host.MediaFile("articles");
        var article = await host.ArticleAsync(author, image: oldImage);

        await using (var scoped = host.OpenDb())
        {
            (await scoped.Db.Articles.SingleAsync(a => a.Id == article.Id)).Image = newImage;
            await scoped.Db.SaveChangesAsync();
        }

        Assert.False(host.MediaExists(oldImage));
        Assert.True(host.MediaExists(newImage));
    }

    [ProviderTheory, OnEveryProvider]
    public async Task Editing_the_text_of_an_article_keeps_its_image(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var author = await host.CreateUserAsync("kay");
        var image = host.MediaFile("articles");
        var article = await host.ArticleAsync(author, image: image);

        await using (var scoped = host.OpenDb())
        {
            (await scoped.Db.Articles.SingleAsync(a => a.Id == article.Id)).Body = "New body";
            await scoped.Db.SaveChangesAsync();
        }

        Assert.True(host.MediaExists(image));
    }
}
