using Serilog;
using Serilog.Extensions.Hosting;

namespace Microsoft.AspNetCore.Builder;

/// <summary>The logger that exists before the host does.</summary>
public static class BlogShopLogging
{
    /// <summary>
    /// Console only, Information and up: what it records is a start that failed (bad configuration, a database that
    /// cannot be migrated), which the host's configured logger never sees.
    /// </summary>
    public static ReloadableLogger CreateBootstrapLogger() =>
        new LoggerConfiguration()
            .MinimumLevel.Information()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}", formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .CreateBootstrapLogger();

    /// <summary>
    /// A failure worth the fatal log: not the HostAbortedException that EF's design-time tools and
    /// WebApplicationFactory use to stop the host on purpose once they have what they need.
    /// </summary>
    public static bool IsStartupFailure(Exception exception) => exception is not HostAbortedException;
}
