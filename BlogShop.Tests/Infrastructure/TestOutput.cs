namespace BlogShop.Tests.Infrastructure;

/// <summary>
/// Where tests write what a person looks at after a run (browser screenshots): BLOGSHOP_TEST_OUTPUT when test.sh
/// sets it, otherwise <c>test-output/</c> at the repository root (gitignored), found from the test assembly's folder.
/// </summary>
internal static class TestOutput
{
    public static string Root { get; } = FindRoot();

    /// <summary>A folder under the output root, created when missing.</summary>
    public static string Folder(params string[] parts)
    {
        var path = Path.Combine([Root, .. parts]);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Turns a test or class name into a safe file name.</summary>
    public static string FileName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        return string.Concat(name.Select(c => invalid.Contains(c) || c == ' ' ? '_' : c));
    }

    private static string FindRoot()
    {
        if (Environment.GetEnvironmentVariable("BLOGSHOP_TEST_OUTPUT") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BlogShop.sln")))
            {
                return Path.Combine(dir.FullName, "test-output");
            }
        }

        // Tests run from a copied build output, away from the sources: keep the output beside the assembly.
        return Path.Combine(AppContext.BaseDirectory, "test-output");
    }
}
