using BlogShop.Domain;
using BlogShop.Tests.Domain.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Tests.Domain.Receivers;

public sealed class RequireUniqueEmailTests
{
    [ProviderTheory, OnEveryProvider]
    public async Task A_new_user_with_an_email_in_use_in_another_case_is_rejected_and_nothing_is_saved(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        await host.CreateUserAsync("alan", email: "alan@example.test");

        await using var scoped = host.OpenDb();
        var twin = DomainHost.NewUser("alan2", "Alan@Example.TEST");
        twin.NormalizedEmail = null;
        scoped.Db.Users.Add(twin);
        var error = await Assert.ThrowsAsync<DomainValidationException>(() => scoped.Db.SaveChangesAsync());

        Assert.Equal("Email", error.MemberName);
        Assert.Contains("Alan@Example.TEST", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await host.QueryAsync(db => db.Users.CountAsync()));
        Assert.Equal(1, await host.QueryAsync(db => db.BillingProfiles.CountAsync()));
        Assert.Equal(1, await host.QueryAsync(db => db.OutboxEmails.CountAsync()));
    }

    [ProviderTheory, OnEveryProvider]
    public async Task Changing_the_email_to_one_in_use_is_rejected(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        await host.CreateUserAsync("alan");
        var ada = await host.CreateUserAsync("ada");

        await using (var scoped = host.OpenDb())
        {
            var stored = await scoped.Db.Users.SingleAsync(u => u.Id == ada.Id);
            stored.Email = "ALAN@example.test";
            await Assert.ThrowsAsync<DomainValidationException>(() => scoped.Db.SaveChangesAsync());
        }

        Assert.Equal("ada@example.test", await host.QueryAsync(db => db.Users.Where(u => u.Id == ada.Id).Select(u => u.Email).SingleAsync()));
    }

    [ProviderTheory, OnEveryProvider]
    public async Task Saving_a_user_with_an_unchanged_email_or_a_free_one_is_allowed(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var ada = await host.CreateUserAsync("ada");

        await using (var scoped = host.OpenDb())
        {
            var stored = await scoped.Db.Users.SingleAsync(u => u.Id == ada.Id);
            stored.FirstName = "Augusta";
            await scoped.Db.SaveChangesAsync();
            stored.Email = "lovelace@example.test";
            await scoped.Db.SaveChangesAsync();
        }

        var saved = await host.QueryAsync(db => db.Users.SingleAsync(u => u.Id == ada.Id));
        Assert.Equal("LOVELACE@EXAMPLE.TEST", saved.NormalizedEmail);
    }

    [ProviderTheory, OnEveryProvider]
    public async Task Two_new_users_with_one_email_in_one_save_are_rejected(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);

        await using (var scoped = host.OpenDb())
        {
            scoped.Db.Users.AddRange(DomainHost.NewUser("one", "same@example.test"), DomainHost.NewUser("two", "SAME@example.test"));
            await Assert.ThrowsAsync<DomainValidationException>(() => scoped.Db.SaveChangesAsync());
        }

        Assert.Equal(0, await host.QueryAsync(db => db.Users.CountAsync()));
    }
}
