using BlogShop.Domain.Entities;
using BlogShop.Tests.Domain.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Tests.Domain.Receivers;

public sealed class CreateProfileForNewUserTests
{
    [ProviderTheory, OnEveryProvider]
    public async Task A_new_user_gets_a_profile_with_the_default_bio_and_picture(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);

        var user = await host.CreateUserAsync("ada");

        var profile = await host.QueryAsync(db => db.BillingProfiles.SingleAsync(p => p.UserId == user.Id));
        Assert.Equal("This is my bio.", profile.Bio);
        Assert.Equal(BillingProfile.DefaultImage, profile.ProfileImage);
        Assert.True(File.Exists(Path.Combine(host.MediaRoot, BillingProfile.DefaultImage)), "the default picture is in the media folder");
    }

    [ProviderTheory, OnEveryProvider]
    public async Task Saving_the_user_again_keeps_one_profile(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var user = await host.CreateUserAsync("ada");

        await using (var scoped = host.OpenDb())
        {
            var stored = await scoped.Db.Users.SingleAsync(u => u.Id == user.Id);
            stored.FirstName = "Augusta";
            await scoped.Db.SaveChangesAsync();
        }

        Assert.Equal(1, await host.QueryAsync(db => db.BillingProfiles.CountAsync(p => p.UserId == user.Id)));
    }

    [ProviderTheory, OnEveryProvider]
    public async Task Saving_a_user_who_lost_the_profile_brings_it_back(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var user = await host.CreateUserAsync("ada");
        await host.QueryAsync(db => db.BillingProfiles.Where(p => p.UserId == user.Id).ExecuteDeleteAsync());

        await using (var scoped = host.OpenDb())
        {
            var stored = await scoped.Db.Users.SingleAsync(u => u.Id == user.Id);
            stored.LastName = "King";
            await scoped.Db.SaveChangesAsync();
        }

        var profile = await host.QueryAsync(db => db.BillingProfiles.SingleAsync(p => p.UserId == user.Id));
        Assert.Equal("This is my bio.", profile.Bio);
    }

    [ProviderTheory, OnEveryProvider]
    public async Task A_profile_given_with_the_new_user_is_kept_and_not_doubled(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var user = DomainHost.NewUser("ada");
        user.Profile = new BillingProfile { Bio = "Analyst.", City = "London" };

        await using (var scoped = host.OpenDb())
        {
            scoped.Db.Users.Add(user);
            await scoped.Db.SaveChangesAsync();
        }

        var profile = await host.QueryAsync(db => db.BillingProfiles.SingleAsync(p => p.UserId == user.Id));
        Assert.Equal("Analyst.", profile.Bio);
    }

    [ProviderTheory, OnEveryProvider]
    public async Task Deleting_the_user_deletes_the_profile(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var user = await host.CreateUserAsync("ada");

        await using (var scoped = host.OpenDb())
        {
            scoped.Db.Users.Remove(await scoped.Db.Users.SingleAsync(u => u.Id == user.Id));
            await scoped.Db.SaveChangesAsync();
        }

        Assert.Equal(0, await host.QueryAsync(db => db.BillingProfiles.CountAsync()));
    }
}
