using System.Net;
using BlogShop.Domain.Entities;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Tests.Web.EndToEnd;

/// <summary>The staff page of dead mail: staff see the rows and send them again; nobody else sees it.</summary>
public sealed class OutboxPageTests(BlogShopFactory factory) : IClassFixture<BlogShopFactory>
{
    [Fact]
    public async Task Staff_see_a_dead_mail_with_its_error_and_retry_queues_it_again()
    {
        using var session = factory.NewSession();
        await session.RegisterAsync("outboxstaff");
        await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "outboxstaff").ExecuteUpdateAsync(s => s.SetProperty(u => u.IsStaff, true)));
        var dead = OutboxEmail.Create("gone@example.test", "Lost", "Body", DateTime.UtcNow.AddDays(-1));
        dead.Attempts = 10;
        dead.DeadAt = DateTime.UtcNow;
        dead.LastError = "550 5.1.1 No such user";
        dead.NextAttemptAt = DateTime.UtcNow.AddDays(1);
        await factory.WithDbAsync(async db =>
        {
            db.OutboxEmails.Add(dead);
            return await db.SaveChangesAsync();
        });

        var page = await session.GetPageAsync("/outbox");
        Assert.Matches($"data-id=\"{dead.Id}\" data-state=\"dead\"", page);
        Assert.Contains("550 5.1.1 No such user", page, StringComparison.Ordinal);

        using var retry = await session.SubmitAsync("/outbox", $"/outbox/{dead.Id}/retry", []);
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        var row = await factory.SingleOrDefaultAsync(db => db.OutboxEmails.AsNoTracking().Where(e => e.Id == dead.Id));
        Assert.NotNull(row);
        Assert.Null(row.DeadAt);
        Assert.InRange(row.Attempts, 0, 1);
    }

    [Fact]
    public async Task Users_who_are_not_staff_are_refused()
    {
        using var session = factory.NewSession();
        await session.RegisterAsync("outboxuser");

        using var response = await session.Client.GetAsync(new Uri("/outbox", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
