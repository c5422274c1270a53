using BlogShop.Domain.Media;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Web.Uploads;

internal static class UploadSaving
{
    /// <summary>
    /// Stores a re-encoded picture under a new name in <paramref name="folder"/>, and its thumbnail beside it; returns
    /// the picture's path. When the thumbnail cannot be stored, the picture is deleted again and the failure propagates.
    /// </summary>
    public static async Task<string> SaveImageAsync(this IMediaStorage media, ReencodedImage image, string folder, CancellationToken cancellationToken)
    {
        string path;
        using (var content = new MemoryStream(image.Image, writable: false))
        {
            path = await media.SaveAsync(content, folder, image.Format.Extension, cancellationToken);
        }

        try
        {
            using var thumbnail = new MemoryStream(image.Thumbnail, writable: false);
            await media.SaveThumbnailAsync(path, thumbnail, cancellationToken);
        }
        catch
        {
            await media.DeleteAsync(path, CancellationToken.None);
            throw;
        }

        return path;
    }

    /// <summary>
    /// Saves the changes that refer to a just-stored upload; when the save fails, the upload is deleted again (nothing
    /// half-written stays) and the failure propagates.
    /// </summary>
    public static async Task SaveChangesOrDeleteUploadAsync(
        this DbContext db, IMediaStorage media, string? storedUpload, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            if (storedUpload is not null)
            {
                await media.DeleteAsync(storedUpload, CancellationToken.None);
            }

            throw;
        }
    }
}
