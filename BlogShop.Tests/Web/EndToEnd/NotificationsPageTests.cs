using System.Net;
using BlogShop.Domain.Entities;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Tests.Web.EndToEnd;

public sealed class NotificationsPageTests(BlogShopFactory factory) : IClassFixture<BlogShopFactory>
{
    [Fact]
    public async Task Unread_notifications_come_first_and_can_be_marked_read_one_or_all()
    {
        using var session = factory.NewSession();
        await session.RegisterAsync("reader");
        var userId = (await factory.SingleOrDefaultAsync(db => db.Users.Where(u => u.UserName == "reader").Select(u => u.Id)))!;
        var ids = await factory.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            Notification[] added =
            [
                new() { RecipientId = userId, Message = "old read", IsRead = true, CreatedAt = now.AddMinutes(-1) },
                new() { RecipientId = userId, Message = "older unread", CreatedAt = now.AddMinutes(-10) },
                new() { RecipientId = userId, Message = "newest unread", CreatedAt = now },
            ];
            db.Notifications.AddRange(added);
            await db.SaveChangesWithoutSignalsAsync();
            return added.Select(n => n.Id).ToArray();
        });

        var page = await session.GetPageAsync("/notifications");
        Assert.True(Position(page, "newest unread") < Position(page, "older unread") && Position(page, "older unread") < Position(page, "old read"));
        Assert.Contains("aria-label=\"2 unread\"", page, StringComparison.Ordinal);

        using (var one = await session.SubmitAsync("/notifications", $"/notifications/{ids[1]}/read", []))
        {
            Assert.Equal(HttpStatusCode.Redirect, one.StatusCode);
        }

        Assert.Contains("aria-label=\"1 unread\"", await session.GetPageAsync("/notifications"), StringComparison.Ordinal);

        using (var all = await session.SubmitAsync("/notifications", "/notifications/read-all", []))
        {
            Assert.Equal(HttpStatusCode.Redirect, all.StatusCode);
        }

        page = await session.GetPageAsync("/notifications");
        Assert.DoesNotContain("id=\"unread-count\"", page, StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDbAsync(db => Task.FromResult(db.Notifications.Count(n => n.RecipientId == userId && !n.IsRead))));
    }

    [Fact]
    public async Task Nobody_can_mark_another_users_notification_read()
    {
        using var owner = factory.NewSession();
        using var other = factory.NewSession();
        await owner.RegisterAsync("private");
        await other.RegisterAsync("snoop");
        var id = await factory.WithDbAsync(async db =>
        {
            var notification = new Notification { RecipientId = db.Users.Single(u => u.UserName == "private").Id, Message = "secret", CreatedAt = DateTime.UtcNow };
            db.Notifications.Add(notification);
            await db.SaveChangesWithoutSignalsAsync();
            return notification.Id;
        });

        using var response = await other.SubmitAsync("/notifications", $"/notifications/{id}/read", []);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(await factory.WithDbAsync(db => Task.FromResult(db.Notifications.Single(n => n.Id == id).IsRead)));
    }

    private static int Position(string page, string text) => page.IndexOf(text, StringComparison.Ordinal) is var i and >= 0 ? i : int.MaxValue;
}
