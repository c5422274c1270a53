using BlogShop.Signals.AspNetCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BlogShop.Tests.Web.EndToEnd.Security;

/// <summary>Outside Development (the "Testing" environment) the Signals page names failures and settings, nothing more.</summary>
public sealed class SignalsRedactionTests(SignalsEnabledBlogShopFactory factory) : IClassFixture<SignalsEnabledBlogShopFactory>
{
    [Fact]
    public async Task Staff_see_the_exception_type_and_setting_name_but_no_exception_text_or_setting_value()
    {
        using var staff = factory.NewSession();
        await staff.RegisterAsync("redacted");
        await factory.WithDbAsync(async db =>
        {
            db.Users.Single(u => u.UserName == "redacted").IsStaff = true;
            return await db.SaveChangesAsync();
        });
        using (var failed = await staff.Client.GetAsync(new Uri("/test-only/fail", UriKind.Relative)))
        {
            Assert.Equal(System.Net.HttpStatusCode.InternalServerError, failed.StatusCode);
        }

        factory.Signals.SettingChanged.Send(factory.Services.GetRequiredService<IConfiguration>(), new SettingChangedArgs("Smtp:Password", "hunter2-secret"));

        var page = await staff.GetPageAsync("/signals");
        Assert.Contains("InvalidOperationException", page, StringComparison.Ordinal);
        Assert.DoesNotContain("failed on purpose", page, StringComparison.Ordinal);
        Assert.Contains("Smtp:Password", page, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", page, StringComparison.Ordinal);
    }
}

public sealed class SignalsInDevelopmentTests(DevelopmentBlogShopFactory factory) : IClassFixture<DevelopmentBlogShopFactory>
{
    [Fact]
    public async Task In_development_the_signals_page_shows_exception_text_and_setting_values()
    {
        using var developer = factory.NewSession();
        using (var failed = await developer.Client.GetAsync(new Uri("/test-only/fail", UriKind.Relative)))
        {
            Assert.Equal(System.Net.HttpStatusCode.InternalServerError, failed.StatusCode);
        }

        factory.Signals.SettingChanged.Send(factory.Services.GetRequiredService<IConfiguration>(), new SettingChangedArgs("Feature:Flag", "shown-in-development"));

        var page = await developer.GetPageAsync("/signals");
        Assert.Contains("failed on purpose", page, StringComparison.Ordinal);
        Assert.Contains("shown-in-development", page, StringComparison.Ordinal);
    }
}
