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

    /// <summary>Opens a stored file for reading, or returns null when it does not exist.</summary>
    Stream? OpenRead(string path);

    /// <summary>True when the file exists.</summary>
    bool Exists(string path);

    /// <summary>Deletes a stored file; returns false when there was nothing to delete. The built-in default
    /// pictures (under <c>defaults/</c>) are never deleted.</summary>
    Task<bool> DeleteAsync(string path, CancellationToken cancellationToken);

    /// <summary>The absolute file path of <paramref name="path"/> (for serving it).</summary>
    string GetFullPath(string path);
}
