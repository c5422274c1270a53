using System.Net;
using System.Text.RegularExpressions;

namespace BlogShop.Tests.Web.EndToEnd;

public sealed partial class SignalsPageTests(DevelopmentBlogShopFactory factory) : IClassFixture<DevelopmentBlogShopFactory>
{
    [Fact]
    public async Task Saving_a_book_from_the_simulator_shows_its_signals_in_order_with_their_receivers()
    {
        using var session = factory.NewSession();
        await session.RegisterAsync("simulator");

        using var response = await session.SubmitAsync("/signals", "/signals/try-book", WebSession.Fields(("title", "")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        var requestId = location[(location.IndexOf('#', StringComparison.Ordinal) + 1)..];
        var page = await session.GetPageAsync(location[..location.IndexOf('#', StringComparison.Ordinal)]);
        var card = page[page.IndexOf($"id=\"{requestId}\"", StringComparison.Ordinal)..];
        card = card[..card.IndexOf("</table>", StringComparison.Ordinal)];
        var signals = SignalName().Matches(card).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal("request_started", signals[0]);
        Assert.True(signals.IndexOf("pre_save") < signals.IndexOf("post_save"), string.Join(", ", signals));
        Assert.Contains("SetUntitledBookTitle", card, StringComparison.Ordinal);
        Assert.Contains("Book created=True", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_mailbox_lists_the_welcome_email_of_a_new_user()
    {
        using var session = factory.NewSession();
        await session.RegisterAsync("newcomer");

        await Signals.Eventually.TrueAsync(() => Directory.Exists(factory.MailFolder) && Directory.EnumerateFiles(factory.MailFolder, "*.eml")
            .Any(f => File.ReadAllText(f).Contains("newcomer@example.com", StringComparison.Ordinal)));
        var mailbox = await session.GetPageAsync("/mailbox");

        Assert.Contains("newcomer@example.com", mailbox, StringComparison.Ordinal);
    }

    [GeneratedRegex("<code class=\"signal-name\">([a-z_]+)</code>")]
    private static partial Regex SignalName();
}

public sealed class RestrictedPagesTests(BlogShopFactory factory) : IClassFixture<BlogShopFactory>
{
    [Theory]
    [InlineData("/signals")]
    [InlineData("/mailbox")]
    public async Task Outside_development_the_diagnostic_pages_are_not_found_for_users_who_are_not_staff(string page)
    {
        using var session = factory.NewSession();
        await session.RegisterAsync($"visitor{page.Trim('/')}");

        using var response = await session.Client.GetAsync(new Uri(page, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Outside_development_staff_users_see_the_signals_page()
    {
        using var session = factory.NewSession();
        await session.RegisterAsync("staffer");
        await factory.WithDbAsync(async db =>
        {
            var user = db.Users.Single(u => u.UserName == "staffer");
            user.IsStaff = true;
            return await db.SaveChangesAsync();
        });

        Assert.Contains("<h1>Signals</h1>", await session.GetPageAsync("/signals"), StringComparison.Ordinal);
    }
}
