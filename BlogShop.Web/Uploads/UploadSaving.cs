using BlogShop.Domain.Media;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Web.Uploads;

internal static class UploadSaving
{
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
