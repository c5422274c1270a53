using BlogShop.Domain.Media;

namespace BlogShop.Web.Uploads;

/// <summary>The addresses views link media files with.</summary>
public sealed class MediaUrls(IMediaStorage media)
{
    /// <summary>The thumbnail of a stored picture, for list pages; the picture itself when it has none (the built-in
    /// default picture, files stored before thumbnails existed).</summary>
    public string Thumbnail(string path)
    {
        var thumbnail = MediaThumbnails.PathOf(path);
        return "/media/" + (media.Exists(thumbnail) ? thumbnail : path);
    }
}
