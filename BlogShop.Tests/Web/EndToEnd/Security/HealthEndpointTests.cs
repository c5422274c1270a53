using System.Net;
using System.Text.Json;

namespace BlogShop.Tests.Web.EndToEnd.Security;

public sealed class HealthEndpointTests(HardenedBlogShopFactory factory) : IClassFixture<HardenedBlogShopFactory>
{
    [Fact]
    public async Task Liveness_is_public_and_says_only_healthy()
    {
        using var visitor = factory.SessionFrom("198.51.100.70");

        Assert.Equal("Healthy", await visitor.GetPageAsync("/health/live"));
    }

    [Fact]
    public async Task Readiness_from_the_machine_itself_reports_the_database_check()
    {
        using var local = factory.SessionFrom("127.0.0.1");

        var report = JsonDocument.Parse(await local.GetPageAsync("/health/ready")).RootElement;

        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        Assert.Equal("Healthy", report.GetProperty("checks").GetProperty("database").GetString());
    }

    [Fact]
    public async Task Readiness_is_closed_to_visitors_and_users_who_are_not_staff_and_open_to_staff()
    {
        using var anonymous = factory.SessionFrom("198.51.100.71");
        using (var response = await anonymous.Client.GetAsync(new Uri("/health/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.DoesNotContain("database", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var user = factory.SessionFrom("198.51.100.72");
        await user.RegisterAsync("healthcurious");
        using (var response = await user.Client.GetAsync(new Uri("/health/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.DoesNotContain("database", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await factory.WithDbAsync(async db =>
        {
            db.Users.Single(u => u.UserName == "healthcurious").IsStaff = true;
            return await db.SaveChangesAsync();
        });
        Assert.Contains("\"database\":\"Healthy\"", await user.GetPageAsync("/health/ready"), StringComparison.Ordinal);
    }
}
