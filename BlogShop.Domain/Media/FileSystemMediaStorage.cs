using Microsoft.Extensions.Options;

namespace BlogShop.Domain.Media;

/// <summary>Where media files live: <c>Media:Root</c> (default: <c>media</c> under the app's data folder).</summary>
public sealed class MediaOptions
{
    public string Root { get; set; } = "";
}

/// <summary><see cref="IMediaStorage"/> on a local folder.</summary>
internal sealed class FileSystemMediaStorage(IOptions<MediaOptions> options) : IMediaStorage
{
    internal const string DefaultsFolder = "defaults";

    private readonly string root = Path.GetFullPath(options.Value.Root);

    public async Task<string> SaveAsync(Stream content, string folder, string extension, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(extension);
        if (extension.Length > 0 && (extension[0] != '.' || extension.Length > 10 || !extension[1..].All(char.IsAsciiLetterOrDigit)))
        {
            throw new ArgumentException($"'{extension}' is not a file extension such as '.png'.", nameof(extension));
        }

        var path = $"{folder.Trim('/')}/{Guid.NewGuid():N}{extension.ToLowerInvariant()}";
        var fullPath = GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        var file = new FileStream(fullPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            await content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
        }

        return path;
    }

    public async Task SaveThumbnailAsync(string path, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var fullPath = GetFullPath(MediaThumbnails.PathOf(path));
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        var file = new FileStream(fullPath, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            await content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
        }
    }

    public Stream? OpenRead(string path)
    {
        var fullPath = GetFullPath(path);
        return File.Exists(fullPath) ? new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null;
    }

    public bool Exists(string path) => File.Exists(GetFullPath(path));

    public Task<bool> DeleteAsync(string path, CancellationToken cancellationToken)
    {
        var fullPath = GetFullPath(path);
        if (IsDefault(path) || !File.Exists(fullPath))
        {
            return Task.FromResult(false);
        }

        File.Delete(fullPath);
        var thumbnail = GetFullPath(MediaThumbnails.PathOf(path));
        if (File.Exists(thumbnail))
        {
            File.Delete(thumbnail);
        }

        return Task.FromResult(true);
    }

    public string GetFullPath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(Path.Combine(root, path.TrimStart('/', '\\')));
        if (!fullPath.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{path}' is outside the media folder.", nameof(path));
        }

        return fullPath;
    }

    /// <summary>Writes the built-in default pictures into the media folder when they are missing.</summary>
    internal async Task EnsureDefaultsAsync(CancellationToken cancellationToken)
    {
        var target = GetFullPath(Entities.BillingProfile.DefaultImage);
        if (File.Exists(target))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var resource = typeof(FileSystemMediaStorage).Assembly.GetManifestResourceStream("BlogShop.Domain.Media.default-profile.png")
            ?? throw new InvalidOperationException("The default profile picture is missing from the BlogShop.Domain assembly.");
        await using (resource.ConfigureAwait(false))
        {
            var file = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None, 4096, useAsync: true);
            await using (file.ConfigureAwait(false))
            {
                await resource.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static bool IsDefault(string path) =>
        path.TrimStart('/').StartsWith(DefaultsFolder + "/", StringComparison.Ordinal);
}
