using BlogShop.Tests.Domain.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Tests.Domain.Receivers;

public sealed class SendWelcomeEmailTests
{
    [ProviderTheory, OnEveryProvider]
    public async Task A_new_user_gets_one_welcome_email_in_the_outbox(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);

        await host.CreateUserAsync("grace");

        var email = Assert.Single(await host.OutboxForAsync("grace@example.test"));
        Assert.Equal("Welcome to BlogShop", email.Subject);
        Assert.Contains("Grace Tester", email.Body, StringComparison.Ordinal);
        Assert.Null(email.SentAt);
        Assert.Equal(0, email.Attempts);
    }

    [ProviderTheory, OnEveryProvider]
    public async Task Updating_a_user_sends_no_second_welcome(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var user = await host.CreateUserAsync("grace");

        await using (var scoped = host.OpenDb())
        {
            (await scoped.Db.Users.SingleAsync(u => u.Id == user.Id)).FirstName = "Amazing Grace";
            await scoped.Db.SaveChangesAsync();
        }

        Assert.Single(await host.OutboxForAsync("grace@example.test"));
    }

    [ProviderTheory, OnEveryProvider]
    public async Task A_rolled_back_registration_leaves_no_email(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);

        await using (var scoped = host.OpenDb())
        {
            await using var transaction = await scoped.Db.Database.BeginTransactionAsync();
            scoped.Db.Users.Add(DomainHost.NewUser("grace"));
            await scoped.Db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        Assert.Empty(await host.OutboxForAsync("grace@example.test"));
        Assert.Equal(0, await host.QueryAsync(db => db.Users.CountAsync()));
    }
}
