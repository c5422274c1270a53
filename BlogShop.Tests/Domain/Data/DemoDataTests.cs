using BlogShop.Domain.Data;
using BlogShop.Domain.Entities;
using BlogShop.Tests.Domain.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Tests.Domain.Data;

/// <remarks>Not on SQL Server: the fixture rows carry their keys, which its identity columns refuse (DatabaseStartup skips
/// the demo data there and says so).</remarks>
public sealed class DemoDataTests
{
    private static readonly Dictionary<string, string?> Defaults = new() { ["Database:LoadDemoData"] = null };

    [ProviderTheory, OnEveryProvider(ExceptSqlServer = true)]
    public async Task Development_loads_the_demo_fixtures_raw_so_receivers_add_nothing(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider, Defaults, environment: "Development");

        Assert.Equal(3, await host.QueryAsync(db => db.Users.CountAsync()));
        Assert.Equal(3, await host.QueryAsync(db => db.BillingProfiles.CountAsync()));
        Assert.Equal(3, await host.QueryAsync(db => db.Articles.CountAsync()));
        Assert.Equal(4, await host.QueryAsync(db => db.Comments.CountAsync()));
        Assert.Equal(3, await host.QueryAsync(db => db.Books.CountAsync()));
        Assert.Equal(3, await host.QueryAsync(db => db.Summaries.CountAsync()));
        Assert.Equal([("BlogShop mug", 12.50m, 25), ("Difference Engine poster", 19.00m, 3), ("Punched-card notebook", 8.90m, 12)],
            (await host.QueryAsync(db => db.Products.OrderBy(p => p.Name).ToListAsync())).Select(p => (p.Name, p.Price, p.Stock)));
        Assert.All(await host.QueryAsync(db => db.Products.Select(p => p.Picture).ToListAsync()),
            picture => Assert.True(File.Exists(Path.Combine(host.MediaRoot, picture!)), $"The demo picture {picture} is not in the media folder."));
        Assert.Equal(["history", "ai"], await host.QueryAsync(db => db.Articles.Where(a => a.Slug == "can-machines-think").SelectMany(a => a.Tags.Select(t => t.Name)).ToListAsync()));

        // Raw saves: no welcome emails, no "new comment" or "book added" notifications.
        Assert.Equal(0, await host.QueryAsync(db => db.OutboxEmails.CountAsync()));
        Assert.Equal(0, await host.QueryAsync(db => db.Notifications.CountAsync()));
    }

    [ProviderTheory, OnEveryProvider(ExceptSqlServer = true)]
    public async Task Demo_users_sign_in_with_the_demo_password(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider, Defaults, environment: "Development");

        var ada = await host.QueryAsync(db => db.Users.SingleAsync(u => u.NormalizedUserName == "ADA"));

        Assert.True(ada.IsStaff);
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<ApplicationUser>().VerifyHashedPassword(ada, ada.PasswordHash!, DemoData.Password));
    }

    [ProviderTheory, OnEveryProvider(ExceptSqlServer = true)]
    public async Task Rows_added_after_the_fixtures_get_fresh_keys(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider, Defaults, environment: "Development");
        var grace = await host.QueryAsync(db => db.Users.SingleAsync(u => u.NormalizedUserName == "GRACE"));

        var book = await host.BookAsync(grace, "A new book");
        var article = await host.ArticleAsync(grace, "A new article");

        Assert.Equal(4, book.Id);
        Assert.Equal(4, article.Id);
        Assert.Equal(4, await host.QueryAsync(db => db.Summaries.CountAsync()));
    }

    [ProviderTheory, OnEveryProvider(ExceptSqlServer = true)]
    public async Task A_database_with_users_is_left_alone_and_other_environments_load_nothing(DbProvider provider)
    {
        await using var database = await DomainDatabase.CreateAsync(provider);
        await using (var first = await DomainHost.StartAsync(database, Defaults, environment: "Production"))
        {
            Assert.Equal(0, await first.QueryAsync(db => db.Users.CountAsync()));
            await first.CreateUserAsync("owner");
        }

        await using var second = await DomainHost.StartAsync(database, Defaults, environment: "Development");
        Assert.Equal(1, await second.QueryAsync(db => db.Users.CountAsync()));
    }
}
