using System.Net;
using System.Text.RegularExpressions;

namespace BlogShop.Tests.Web.EndToEnd;

public sealed partial class SignalsPageTests(DevelopmentBlogShopFactory factory) : IClassFixture<DevelopmentBlogShopFactory>
{
    [Fact]
    public async Task The_simulator_shows_save_then_delete_with_the_title_receivers_filled_in_and_leaves_no_book()
    {
        using var session = factory.NewSession();
        await session.RegisterAsync("simulator");

        using var response = await session.SubmitAsync("/signals", "/signals/try-book", WebSession.Fields(("title", "")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        var requestId = location[(location.IndexOf('#', StringComparison.Ordinal) + 1)..];
        var address = location[..location.IndexOf('#', StringComparison.Ordinal)];

        // request_finished is sent once the response has completed, which may be after the redirect was followed.
        await Signals.Eventually.TrueAsync(async () => !Row(await session.GetPageAsync(address), requestId).Contains("request-status \">…<", StringComparison.Ordinal));
        var row = Row(await session.GetPageAsync(address), requestId);
        Assert.Contains("open=\"open\"", row[..row.IndexOf('>', StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Contains("<span class=\"request-user\">simulator</span>", row, StringComparison.Ordinal);
        Assert.Contains("<span class=\"request-path text-break\">/signals/try-book</span>", row, StringComparison.Ordinal);
        Assert.Equal(["pre_save", "post_save", "pre_delete", "post_delete"], ModelSignalsOf("Book", row));
        Assert.Equal("request_started", SignalName().Match(row).Groups[1].Value);
        Assert.Matches("<span class=\"arg-before\">&quot;&quot;</span>\\s*<span aria-label=\"then\">\u2192</span>\\s*<span class=\"arg-value\">&quot;Untitled&quot;</span>", row);
        Assert.Contains("SetUntitledBookTitle", row, StringComparison.Ordinal);
        Assert.Matches("<dt>created</dt>\\s*<dd data-arg=\"created\">\\s*<span class=\"arg-value\">True</span>", row);
        Assert.Contains("no receivers", row, StringComparison.Ordinal);
        Assert.Empty(await factory.ListAsync(db => db.Books));
        Assert.Empty(await factory.ListAsync(db => db.Notifications.Where(n => n.Recipient!.UserName == "simulator" && n.Message.Contains("book"))));
    }

    [Fact]
    public async Task Static_files_and_the_pages_own_updates_are_hidden_unless_asked_for()
    {
        using var session = factory.NewSession();
        using (var css = await session.Client.GetAsync(new Uri("/css/site.css", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        }

        await session.GetPageAsync("/signals/rows?after=0");
        await session.GetPageAsync("/articles?hidden-test=1");

        await Signals.Eventually.TrueAsync(async () => (await session.GetPageAsync("/signals")).Contains("/articles?hidden-test=1", StringComparison.Ordinal));
        var page = await session.GetPageAsync("/signals");
        var all = await session.GetPageAsync("/signals?all=true");

        Assert.DoesNotContain(">/css/site.css<", page, StringComparison.Ordinal);
        Assert.DoesNotContain(">/signals/rows?after=0<", page, StringComparison.Ordinal);
        Assert.Contains(">/css/site.css<", all, StringComparison.Ordinal);
        Assert.Contains(">/signals/rows?after=0<", all, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/js/signals.js", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_with_a_dot_in_its_query_string_is_shown_not_hidden_as_a_file()
    {
        using var session = factory.NewSession();
        await session.GetPageAsync("/articles?version=1.2");

        await Signals.Eventually.TrueAsync(async () => (await session.GetPageAsync("/signals?all=true")).Contains(">/articles?version=1.2<", StringComparison.Ordinal));
        var page = await session.GetPageAsync("/signals");

        Assert.Contains(">/articles?version=1.2<", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rows_endpoint_returns_only_requests_finished_after_the_newest_shown()
    {
        using var session = factory.NewSession();
        await session.GetPageAsync("/articles?first=1");
        await Signals.Eventually.TrueAsync(async () => (await session.GetPageAsync("/signals/rows?after=0")).Contains("/articles?first=1", StringComparison.Ordinal));
        var newest = FinishedNumber().Matches(await session.GetPageAsync("/signals/rows?after=0")).Max(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

        await session.GetPageAsync("/articles?second=1");
        await Signals.Eventually.TrueAsync(async () => (await session.GetPageAsync($"/signals/rows?after={newest}")).Contains("/articles?second=1", StringComparison.Ordinal));
        var later = await session.GetPageAsync($"/signals/rows?after={newest}");

        Assert.DoesNotContain("/articles?first=1", later, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_update_shows_its_update_fields_and_the_stored_value_before_the_new_one()
    {
        using var session = factory.NewSession();
        await session.RegisterAsync("editor");
        var slug = await session.WriteArticleAsync("Before the edit");

        using var edited = await session.SubmitAsync($"/articles/{slug}/edit", $"/articles/{slug}/edit",
            WebSession.Fields(("Title", "After the edit"), ("Body", "Some words about signals."), ("Tags", "")));

        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var path = $"/articles/{slug}/edit";
        await Signals.Eventually.TrueAsync(async () => (await session.GetPageAsync("/signals")).Contains($"<span class=\"request-path text-break\">{path}</span>", StringComparison.Ordinal));
        var page = await session.GetPageAsync("/signals");
        var rows = page.Split("<details").Where(r => r.Contains($"<span class=\"request-method\">POST</span>", StringComparison.Ordinal) && r.Contains($">{path}<", StringComparison.Ordinal)).ToList();
        var row = Assert.Single(rows);
        Assert.Matches("<dd data-arg=\"update_fields\">\\s*<span class=\"arg-value\">[^<]*Title", row);
        Assert.Matches("<dd data-arg=\"Title\">\\s*<span class=\"arg-before\">&quot;Before the edit&quot;</span>\\s*<span aria-label=\"then\">\u2192</span>\\s*<span class=\"arg-value\">&quot;After the edit&quot;</span>\\s*<span class=\"text-muted arg-note\">\\(the stored value before\\)</span>", row);
        Assert.Matches("<dt>created</dt>\\s*<dd data-arg=\"created\">\\s*<span class=\"arg-value\">False</span>", row);
    }

    [Fact]
    public async Task Taking_a_reaction_back_shows_pre_delete_and_post_delete_of_the_reaction()
    {
        using var session = factory.NewSession();
        await session.RegisterAsync("regretful");
        var slug = await session.WriteArticleAsync("Second thoughts");
        await session.ReactAsync(slug, "Sad");

        using var removed = await session.SubmitAsync($"/articles/{slug}", $"/articles/{slug}/reactions/remove", []);

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        var path = $"/articles/{slug}/reactions/remove";
        await Signals.Eventually.TrueAsync(async () => (await session.GetPageAsync("/signals")).Contains($">{path}<", StringComparison.Ordinal));
        var page = await session.GetPageAsync("/signals");
        var row = page[page.LastIndexOf("<details", page.IndexOf($">{path}<", StringComparison.Ordinal), StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</details>", StringComparison.Ordinal)];
        var signals = SignalName().Matches(row).Select(m => m.Groups[1].Value).ToList();
        Assert.True(signals.IndexOf("pre_delete") >= 0 && signals.IndexOf("pre_delete") < signals.IndexOf("post_delete"), string.Join(", ", signals));
        Assert.Contains("Reaction #", row, StringComparison.Ordinal);
        Assert.DoesNotContain("pre_save", signals);
    }

    [Fact]
    public async Task A_request_shows_its_request_signals_with_method_and_path_template_status_elapsed_time_and_receivers()
    {
        using var session = factory.NewSession();
        await session.GetPageAsync("/articles?request-signals=1");

        const string Path = ">/articles?request-signals=1<";
        await Signals.Eventually.TrueAsync(async () => RowOf(await session.GetPageAsync("/signals"), Path) is { } found && !found.Contains("request-status \">…<", StringComparison.Ordinal));
        var row = RowOf(await session.GetPageAsync("/signals"), Path)!;

        Assert.Matches("<span class=\"request-status \">200</span>\\s*<span class=\"request-time text-muted\">\\d+\\.\\d ms</span>", row);
        Assert.Equal(["request_started", "template_rendered", "request_finished"], SignalName().Matches(row).Select(m => m.Groups[1].Value).Where(n => n.StartsWith("request_", StringComparison.Ordinal) || n == "template_rendered").Distinct());
        var started = SignalItem(row, "request_started");
        Assert.Matches("<span class=\"text-muted small\">#1 \\+\\d+\\.\\d\\d ms</span>\\s*<code class=\"signal-name\">request_started</code>\\s*<span class=\"small\">from <span class=\"signal-sender\">WebSignals</span> · \\d+\\.\\d\\d ms</span>", started);
        Assert.Matches("<dt>request</dt>\\s*<dd data-arg=\"request\">\\s*<span class=\"arg-value\">GET /articles</span>", started);
        Assert.Contains("no receivers", started, StringComparison.Ordinal);
        var rendered = SignalItem(row, "template_rendered");
        Assert.Matches("<dd data-arg=\"template\">\\s*<span class=\"arg-value\">/Views/Articles/\\w+\\.cshtml</span>", rendered);
        Assert.Matches("<dd data-arg=\"model\">\\s*<span class=\"arg-value\">\\w+</span>", rendered);
        var finished = SignalItem(row, "request_finished");
        Assert.Contains("<li class=\"signal depth-0\" data-signal=\"request_finished\">", finished, StringComparison.Ordinal);
        Assert.Matches("<dt>status</dt>\\s*<dd data-arg=\"status\">\\s*<span class=\"arg-value\">200</span>", finished);
        Assert.Matches("<dt>elapsed</dt>\\s*<dd data-arg=\"elapsed\">\\s*<span class=\"arg-value\">\\d+\\.\\d ms</span>", finished);
        Assert.Matches("<li class=\"receiver \">\\s*<span class=\"receiver-name\">LogFinishedRequest</span> → <span class=\"receiver-outcome\">ok</span>\\s*<span class=\"text-muted\">· \\d+\\.\\d\\d ms</span>", finished);
    }

    /// <summary>The row of the request whose path (as <c>&gt;path&lt;</c>) is given, up to its end; null when absent.</summary>
    private static string? RowOf(string page, string path)
    {
        var at = page.IndexOf(path, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var row = page[page.LastIndexOf("<details", at, StringComparison.Ordinal)..];
        return row[..row.IndexOf("</details>", StringComparison.Ordinal)];
    }

    /// <summary>The first signal named <paramref name="signal"/> in the row, up to the next signal.</summary>
    private static string SignalItem(string row, string signal)
    {
        var start = row.LastIndexOf("<li class=\"signal ", row.IndexOf($"data-signal=\"{signal}\"", StringComparison.Ordinal), StringComparison.Ordinal);
        var next = row.IndexOf("<li class=\"signal ", start + 1, StringComparison.Ordinal);
        return next < 0 ? row[start..] : row[start..next];
    }

    /// <summary>The row of one request, up to its end.</summary>
    private static string Row(string page, string requestId)
    {
        var row = page[page.IndexOf($"id=\"{requestId}\"", StringComparison.Ordinal)..];
        return row[..row.IndexOf("</details>", StringComparison.Ordinal)];
    }

    /// <summary>The save and delete signals from <paramref name="sender"/> in the row, in order (other models' left out).</summary>
    private static List<string> ModelSignalsOf(string sender, string row) =>
        [.. SignalOfSender().Matches(row)
            .Where(m => m.Groups[2].Value == sender && m.Groups[1].Value is "pre_save" or "post_save" or "pre_delete" or "post_delete")
            .Select(m => m.Groups[1].Value)];

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

    [GeneratedRegex("<code class=\"signal-name\">([a-z_]+)</code>\\s*<span class=\"small\">from <span class=\"signal-sender\">(\\w+)</span>")]
    private static partial Regex SignalOfSender();

    [GeneratedRegex("data-finished=\"(\\d+)\"")]
    private static partial Regex FinishedNumber();
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
    public async Task Outside_development_the_signals_page_is_off_by_default_even_for_staff()
    {
        using var session = factory.NewSession();
        await session.RegisterAsync("offstaff");
        await MakeStaffAsync(factory, "offstaff");

        using var response = await session.Client.GetAsync(new Uri("/signals", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    internal static Task<int> MakeStaffAsync(BlogShopFactory factory, string userName) =>
        factory.WithDbAsync(async db =>
        {
            var user = db.Users.Single(u => u.UserName == userName);
            user.IsStaff = true;
            return await db.SaveChangesAsync();
        });
}

public sealed class EnabledSignalsPageTests(SignalsEnabledBlogShopFactory factory) : IClassFixture<SignalsEnabledBlogShopFactory>
{
    [Fact]
    public async Task Enabled_outside_development_staff_users_see_the_signals_page()
    {
        using var session = factory.NewSession();
        await session.RegisterAsync("staffer");
        await RestrictedPagesTests.MakeStaffAsync(factory, "staffer");

        Assert.Contains("<h1>Signals</h1>", await session.GetPageAsync("/signals"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enabled_outside_development_other_users_get_not_found()
    {
        using var session = factory.NewSession();
        await session.RegisterAsync("notstaff");

        using var response = await session.Client.GetAsync(new Uri("/signals", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
