namespace BlogShop.Tests.Infrastructure;

/// <summary>
/// The real servers the tests use, as test.sh starts them and announces them in environment variables.
/// A bare <c>dotnet test</c> has none of them: the tests that need one skip with the reason. Under test.sh
/// (BLOGSHOP_TEST_REQUIRE_SERVERS=1) nothing skips: a missing server fails the test instead.
/// </summary>
internal static class TestServers
{
    /// <summary>Admin connection string of a PostgreSQL server whose user may create databases.</summary>
    public static string? Postgres => Variable("BLOGSHOP_TEST_POSTGRES");

    /// <summary>The SMTP catcher as <c>host:port</c>.</summary>
    public static string? Smtp => Variable("BLOGSHOP_TEST_SMTP");

    /// <summary>The SMTP catcher's HTTP API (maildev), e.g. <c>http://127.0.0.1:1080</c>.</summary>
    public static string? MailApi => Variable("BLOGSHOP_TEST_MAIL_API");

    /// <summary>A Chromium executable for the browser tests.</summary>
    public static string? Chromium => Variable("BLOGSHOP_TEST_CHROMIUM") ?? (File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : null);

    /// <summary>A folder feed holding the packed BlogShop.Signals packages (test.sh packs them there).</summary>
    public static string? PackageFeed => Variable("BLOGSHOP_TEST_PACKAGE_FEED");

    public static bool Required => Variable("BLOGSHOP_TEST_REQUIRE_SERVERS") == "1";

    /// <summary>The skip reason for a test needing <paramref name="server"/>, or null to run it.</summary>
    public static string? SkipUnless(string? value, string server) =>
        value is null && !Required
            ? $"{server} is not available: run ./test.sh, which starts it (see README.md)."
            : null;

    private static string? Variable(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}

/// <summary>A fact that needs the PostgreSQL server test.sh starts.</summary>
internal sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute() => Skip = TestServers.SkipUnless(TestServers.Postgres, "PostgreSQL (BLOGSHOP_TEST_POSTGRES)");
}

/// <summary>A theory that needs the PostgreSQL server test.sh starts.</summary>
internal sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute() => Skip = TestServers.SkipUnless(TestServers.Postgres, "PostgreSQL (BLOGSHOP_TEST_POSTGRES)");
}

/// <summary>A fact that needs the local package feed test.sh packs.</summary>
internal sealed class PackageFeedFactAttribute : FactAttribute
{
    public PackageFeedFactAttribute() => Skip = TestServers.SkipUnless(TestServers.PackageFeed, "The packed BlogShop.Signals packages (BLOGSHOP_TEST_PACKAGE_FEED)");
}

/// <summary>A fact that needs the SMTP catcher test.sh starts.</summary>
internal sealed class SmtpFactAttribute : FactAttribute
{
    public SmtpFactAttribute() => Skip = TestServers.SkipUnless(TestServers.Smtp is null ? null : TestServers.MailApi, "The SMTP catcher (BLOGSHOP_TEST_SMTP, BLOGSHOP_TEST_MAIL_API)");
}

/// <summary>A fact that needs Chromium (and, with <see cref="Mail"/>, the SMTP catcher too).</summary>
internal sealed class BrowserFactAttribute : FactAttribute
{
    private bool mail;

    public BrowserFactAttribute() => Skip = TestServers.SkipUnless(TestServers.Chromium, "Chromium (apt-get install chromium, or BLOGSHOP_TEST_CHROMIUM)");

    /// <summary>The test also reads the mail the site sent from the SMTP catcher.</summary>
    public bool Mail
    {
        get => mail;
        set
        {
            mail = value;
            if (value)
            {
                Skip ??= TestServers.SkipUnless(TestServers.Smtp is null ? null : TestServers.MailApi, "The SMTP catcher (BLOGSHOP_TEST_SMTP, BLOGSHOP_TEST_MAIL_API)");
            }
        }
    }
}
