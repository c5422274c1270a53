using System.Diagnostics;

namespace BlogShop.Tests.Web.EndToEnd;

/// <summary>
/// The bootstrap logger: a site that cannot start says why on the console, although its configured logger never
/// came to exist. Runs the built BlogShop.Web.dll as its own process, as <c>dotnet run</c> would.
/// </summary>
public sealed class StartupFailureLoggingTests
{
    [Fact]
    public async Task A_configuration_error_before_the_host_exists_is_logged_as_fatal()
    {
        var folder = Directory.CreateTempSubdirectory("blogshop-startup-").FullName;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "BlogShop.Web.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DataFolder"] = folder;
        start.Environment["Database__Provider"] = "Oracle";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);

        var console = await output;
        Assert.NotEqual(0, process.ExitCode);
        Assert.Matches(@"\[\d\d:\d\d:\d\d FTL\] BlogShop stopped: it failed to start or run", console);
        Assert.Contains("Database:Provider 'Oracle' is not supported", console + await errors, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }
}
