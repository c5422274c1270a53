using System.Diagnostics;
using System.IO.Compression;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using BlogShop.Tests.Infrastructure;

namespace BlogShop.Tests.Packaging;

/// <summary>
/// The packages as a developer gets them: each sample under samples/ is copied away from the repository, restored
/// from the folder feed test.sh packs into (plus the normal NuGet source), built and run. No project reference
/// reaches the samples, so they prove that `dotnet add package` is enough.
/// </summary>
public sealed partial class SampleTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("blogshop-samples-").FullName;

    [PackageFeedFact]
    public async Task The_console_sample_runs_on_the_core_package_alone()
    {
        var sample = CopySample("ConsoleSample");

        var output = await DotnetAsync(sample, "run", "-c", "Release");

        Assert.Contains("receipt: order 42, total 99.90", output, StringComparison.Ordinal);
        Assert.Contains("delegate: order 42", output, StringComparison.Ordinal);
        Assert.Contains("receivers: PrintReceipt, ", output, StringComparison.Ordinal);
        Assert.Equal(["blogshop.signals"], Directory.GetDirectories(Path.Combine(_work, "packages")).Select(Path.GetFileName));
    }

    [PackageFeedFact]
    public async Task The_web_sample_sends_model_after_commit_and_request_signals_on_the_three_packages()
    {
        var sample = CopySample("WebSample");
        await DotnetAsync(sample, "build", "-c", "Release");
        using var app = Start(sample, Path.Combine("bin", "Release", "net10.0", "WebSample.dll"), "--urls", "http://127.0.0.1:0");
        var listening = await app.WaitForLineAsync(ListeningOn());
        using var http = new HttpClient { BaseAddress = new Uri(listening.Groups[1].Value) };

        using var created = await http.PostAsync(new Uri("/orders?item=book", UriKind.Relative), null);
        created.EnsureSuccessStatusCode();
        string[] journal = [];
        for (var attempt = 0; attempt < 100 && !journal.Any(l => l.StartsWith("request_finished: POST", StringComparison.Ordinal)); attempt++)
        {
            await Task.Delay(100);
            journal = await http.GetFromJsonAsync<string[]>(new Uri("/journal", UriKind.Relative)) ?? [];
        }

        Assert.Equal(
            ["post_save: order 1 (book), created=True", "after commit: ship order 1", "request_finished: POST /orders 201"],
            journal.Take(3));
        Assert.Equal(
            ["blogshop.signals", "blogshop.signals.aspnetcore", "blogshop.signals.entityframeworkcore"],
            Directory.GetDirectories(Path.Combine(_work, "packages")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [PackageFeedFact]
    public void The_core_package_carries_the_receiver_analyzer_as_an_analyzer_only()
    {
        using var package = ZipFile.OpenRead(Path.Combine(TestServers.PackageFeed!, "BlogShop.Signals.1.0.0.nupkg"));
        var entries = package.Entries.Select(e => e.FullName).ToArray();

        Assert.Contains("analyzers/dotnet/cs/BlogShop.Signals.Analyzers.dll", entries);
        Assert.Equal(["lib/net10.0/BlogShop.Signals.dll", "lib/net10.0/BlogShop.Signals.xml"], entries.Where(e => e.StartsWith("lib/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        var dependencies = NuspecOf(package).Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string)e.Attribute("id")!);
        Assert.DoesNotContain(dependencies, d => d.Contains("CodeAnalysis", StringComparison.Ordinal) || d.Contains("Analyzers", StringComparison.Ordinal));
    }

    [PackageFeedFact]
    public void The_integration_packages_pass_the_core_analyzer_on_to_their_apps()
    {
        foreach (var name in new[] { "BlogShop.Signals.EntityFrameworkCore", "BlogShop.Signals.AspNetCore" })
        {
            using var package = ZipFile.OpenRead(Path.Combine(TestServers.PackageFeed!, $"{name}.1.0.0.nupkg"));

            var core = Assert.Single(NuspecOf(package).Descendants(), e => e.Name.LocalName == "dependency" && (string?)e.Attribute("id") == "BlogShop.Signals");

            Assert.DoesNotContain("Analyzers", (string?)core.Attribute("exclude") ?? "", StringComparison.Ordinal);
        }
    }

    [PackageFeedFact]
    public async Task A_wrong_receiver_in_an_app_on_the_packages_fails_its_build_with_the_analyzers_errors()
    {
        var sample = CopySample("WebSample");
        await File.WriteAllTextAsync(Path.Combine(sample, "WrongReceivers.cs"), """
            using BlogShop.Signals;
            using BlogShop.Signals.EntityFrameworkCore;

            namespace WebSample;

            public static class WrongReceivers
            {
                [Receiver]
                public static Task ShipAsync(object? sender, PostSave<Order> args) => Task.CompletedTask;
            }

            [Receiver]
            public sealed class Unreachable;
            """);

        var (exitCode, output) = await RunDotnetAsync(sample, "build", "-c", "Release");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("WrongReceivers.cs(9,24): error BSIG0005: Receiver WebSample.WrongReceivers.ShipAsync returns a task but takes no CancellationToken", output, StringComparison.Ordinal);
        Assert.Contains("WrongReceivers.cs(13,21): error BSIG0001: WebSample.Unreachable is declared a receiver but implements no ISignalReceiver<TArgs>", output, StringComparison.Ordinal);
        Assert.DoesNotContain("error CS", output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a process being torn down: the temporary folder is left to the OS.
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningOn();

    /// <summary>
    /// Copies a sample and writes its NuGet.config: the feed as an extra source, and a packages folder of its own so
    /// a package of the same version packed earlier is never taken from the machine's cache; every other package
    /// comes from the machine's cache (as a fallback folder) or the normal source, so the restore stays offline
    /// whenever the machine has restored them before.
    /// </summary>
    private string CopySample(string name)
    {
        var repository = FindRepository();
        var target = Path.Combine(_work, name);
        CopyDirectory(Path.Combine(repository, "samples", name), target);
        foreach (var props in Directory.GetFiles(Path.Combine(repository, "samples"), "Directory.*.props"))
        {
            File.Copy(props, Path.Combine(_work, Path.GetFileName(props)));
        }

        var machineCache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(_work, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="blogshop-local" value="{Path.GetFullPath(TestServers.PackageFeed!)}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine" value="{machineCache}" />
              </fallbackPackageFolders>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(_work, "packages")}" />
              </config>
            </configuration>
            """);
        return target;
    }

    private static async Task<string> DotnetAsync(string directory, params string[] arguments)
    {
        var (exitCode, output) = await RunDotnetAsync(directory, arguments);
        Assert.True(exitCode == 0, $"dotnet {string.Join(' ', arguments)} failed:\n{output}");
        return output;
    }

    private static async Task<(int ExitCode, string Output)> RunDotnetAsync(string directory, params string[] arguments)
    {
        using var process = Start(directory, arguments);
        var exited = await process.WaitForExitAsync(TimeSpan.FromMinutes(5));
        Assert.True(exited, $"dotnet {string.Join(' ', arguments)} did not finish in 5 minutes:\n{process.Output}");
        return (process.ExitCode, process.Output);
    }

    private static XDocument NuspecOf(ZipArchive package)
    {
        using var nuspec = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return XDocument.Load(nuspec);
    }

    private static SampleProcess Start(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        return new SampleProcess(Process.Start(start)!);
    }

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "samples")) && File.Exists(Path.Combine(dir.FullName, "BlogShop.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository (BlogShop.sln with samples/) is not above the test assembly.");
    }

    private static void CopyDirectory(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar) is ["bin" or "obj", ..])
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, relative))!);
            File.Copy(file, Path.Combine(target, relative));
        }
    }

    /// <summary>A running dotnet process whose output is collected line by line; disposing it ends the process.</summary>
    private sealed class SampleProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();
        private readonly Lock _gate = new();
        private readonly List<(Regex Pattern, TaskCompletionSource<Match> Found)> _waits = [];

        public SampleProcess(Process process)
        {
            _process = process;
            process.OutputDataReceived += (_, e) => OnLine(e.Data);
            process.ErrorDataReceived += (_, e) => OnLine(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public int ExitCode => _process.ExitCode;

        public string Output
        {
            get
            {
                lock (_gate)
                {
                    return _output.ToString();
                }
            }
        }

        public async Task<bool> WaitForExitAsync(TimeSpan timeout)
        {
            using var cancellation = new CancellationTokenSource(timeout);
            try
            {
                await _process.WaitForExitAsync(cancellation.Token);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        public async Task<Match> WaitForLineAsync(Regex pattern)
        {
            var found = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                if (pattern.Match(_output.ToString()) is { Success: true } already)
                {
                    return already;
                }

                _waits.Add((pattern, found));
            }

            var finished = await Task.WhenAny(found.Task, Task.Delay(TimeSpan.FromMinutes(2)), _process.WaitForExitAsync());
            Assert.True(finished == found.Task, $"The sample did not print {pattern}:\n{Output}");
            return await found.Task;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }

            _process.Dispose();
        }

        private void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_gate)
            {
                _output.AppendLine(line);
                foreach (var (pattern, found) in _waits)
                {
                    if (pattern.Match(line) is { Success: true } match)
                    {
                        found.TrySetResult(match);
                    }
                }
            }
        }
    }
}
