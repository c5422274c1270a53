using System.Collections.Immutable;
using System.Reflection;
using BlogShop.Signals.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace BlogShop.Tests.Signals.Analyzers;

/// <summary>
/// Compiles C# source against the three BlogShop.Signals assemblies (and the runtime this test runs on) and runs
/// <see cref="ReceiverAnalyzer"/> on it, as the compiler does in a project that installs the package.
/// </summary>
internal static class ReceiverAnalysis
{
    /// <summary>
    /// The file compiled beside every test's receivers: global usings, the signal <c>ping</c> (of <c>Ping</c>) and two
    /// senders, in namespace <c>App</c>.
    /// </summary>
    private const string App = """
        global using System;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using BlogShop.Signals;
        global using BlogShop.Signals.AspNetCore;
        global using BlogShop.Signals.EntityFrameworkCore;

        namespace App;

        public sealed record Ping(int Value);

        public sealed class Article;

        public sealed class Comment;

        public static class AppSignals
        {
            public static SignalsBuilder AddAppSignals(this SignalsBuilder signals) => signals.AddSignal<Ping>("ping");
        }
        """;

    // The test process's own assemblies: the runtime, ASP.NET Core, EF Core and the BlogShop.Signals packages.
    private static readonly Lazy<MetadataReference[]> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => Path.GetFileNameWithoutExtension(path) != typeof(ReceiverAnalysis).Assembly.GetName().Name)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray());

    /// <summary>The analyzer's diagnostics for <paramref name="receivers"/> (in namespace <c>App</c> unless they declare
    /// one), compiled beside <see cref="App"/>. They must compile: the compiler's errors fail the test, so a rule is
    /// never tested on broken C#.</summary>
    public static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(string receivers) =>
        await Compile(receivers).WithAnalyzers([new ReceiverAnalyzer()]).GetAnalyzerDiagnosticsAsync();

    /// <summary>The assembly the compiler makes of <paramref name="receivers"/> (without the analyzer), loaded: what
    /// the startup check scans when a project builds without the analyzer.</summary>
    public static Assembly Load(string receivers)
    {
        using var image = new MemoryStream();
        var emitted = Compile(receivers).Emit(image);
        Assert.True(emitted.Success, string.Join('\n', emitted.Diagnostics));
        return Assembly.Load(image.ToArray());
    }

    /// <summary>The one diagnostic of <paramref name="receivers"/>, checked: its id, the source text it points at and
    /// its whole message.</summary>
    public static async Task AssertSingleAsync(string receivers, string id, string at, string message)
    {
        var diagnostic = Assert.Single(await DiagnosticsAsync(receivers));

        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(at, diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static CSharpCompilation Compile(string receivers)
    {
        var compilation = CSharpCompilation.Create(
            $"Receivers{Guid.NewGuid():N}",
            [Parse(App, "App.cs"), Parse(receivers.StartsWith("namespace", StringComparison.Ordinal) ? receivers : "namespace App;\n\n" + receivers, "Receivers.cs")],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return compilation;
    }

    private static SyntaxTree Parse(string source, string path) =>
        CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path);
}
