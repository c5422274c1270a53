namespace BlogShop.Domain.Media;

/// <summary>
/// The media folder (uploaded pictures and covers). Paths are relative, with forward slashes (e.g.
/// <c>covers/3f2a….png</c>), and always stay inside the folder: a path that would leave it throws
/// <see cref="ArgumentException"/>.
/// </summary>
public interface IMediaStorage
{
    /// <summary>Stores <paramref name="content"/> under a new generated name in <paramref name="folder"/> and
    /// returns its path. <paramref name="extension"/> (e.g. ".png") is kept so the file is served with its type.</summary>
    Task<string> SaveAsync(Stream content, string folder, string extension, CancellationToken cancellationToken);

    /// <summary>Stores the thumbnail of the stored file <paramref name="path"/> at <see cref="MediaThumbnails.PathOf"/>,
    /// replacing an older one.</summary>
    Task SaveThumbnailAsync(string path, Stream content, CancellationToken cancellationToken);

    /// <summary>Opens a stored file for reading, or returns null when it does not exist.</summary>
    Stream? OpenRead(string path);

    /// <summary>True when the file exists.</summary>
    bool Exists(string path);

    /// <summary>Deletes a stored file and its thumbnail; returns false when there was no file to delete. The built-in
    /// default pictures (under <c>defaults/</c>) are never deleted.</summary>
    Task<bool> DeleteAsync(string path, CancellationToken cancellationToken);

    /// <summary>The absolute file path of <paramref name="path"/> (for serving it).</summary>
    string GetFullPath(string path);
}

/// <summary>Where the thumbnail of a stored picture lives: <c>covers/3f2a….png</c> has <c>covers/thumbs/3f2a….png</c>.</summary>
public static class MediaThumbnails
{
    public static string PathOf(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var slash = path.LastIndexOf('/');
        return slash < 0 ? $"thumbs/{path}" : $"{path[..slash]}/thumbs/{path[(slash + 1)..]}";
    }
}
