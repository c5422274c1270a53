using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace BlogShop.Web.Uploads;

/// <summary>An image format the site accepts, recognized by its first bytes.</summary>
/// <param name="Name">A readable name (PNG, JPEG, GIF, WebP).</param>
/// <param name="Extension">The extension the file is stored with, so it is served with <paramref name="ContentType"/>.</param>
/// <param name="ContentType">The media type the file is served as.</param>
public sealed record ImageFormat(string Name, string Extension, string ContentType);

/// <summary>The outcome of checking an upload: the picture re-encoded, or why it was refused.</summary>
public sealed record ImageCheck(ReencodedImage? Image, string? Error)
{
    public bool IsValid => Image is not null;
}

/// <summary>
/// Accepts an uploaded picture only when it is at most <see cref="MaxBytes"/>, its bytes start with the signature of
/// a PNG, JPEG, GIF or WebP image, and it decodes as that format to at most 4096 × 4096 pixels; what is stored is a
/// fresh encoding of its pixels (<see cref="ImageReencoder"/>). The file name and the browser's Content-Type header are
/// ignored: both are chosen by the client.
/// </summary>
public static class ImageUploadValidator
{
    public const long MaxBytes = 5 * 1024 * 1024;

    public static readonly ImageFormat Png = new("PNG", ".png", "image/png");
    public static readonly ImageFormat Jpeg = new("JPEG", ".jpg", "image/jpeg");
    public static readonly ImageFormat Gif = new("GIF", ".gif", "image/gif");
    public static readonly ImageFormat WebP = new("WebP", ".webp", "image/webp");

    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegSignature = [0xFF, 0xD8, 0xFF];

    /// <summary>
    /// Checks a form's optional picture field: null when no file was sent; a refused file puts its message on
    /// <paramref name="field"/> in <paramref name="modelState"/> and gives null.
    /// </summary>
    public static async Task<ReencodedImage?> CheckFieldAsync(
        IFormFile? file, ModelStateDictionary modelState, string field, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        if (file is null)
        {
            return null;
        }

        var check = await CheckAsync(file, cancellationToken);
        if (!check.IsValid)
        {
            modelState.AddModelError(field, check.Error!);
        }

        return check.Image;
    }

    /// <summary>Checks an uploaded file and re-encodes it; a refusal carries the message for the form field.</summary>
    public static async Task<ImageCheck> CheckAsync(IFormFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Length == 0)
        {
            return new ImageCheck(null, "The file is empty.");
        }

        if (file.Length > MaxBytes)
        {
            return new ImageCheck(null, "The picture is larger than 5 MB.");
        }

        var bytes = new byte[file.Length];
        var stream = file.OpenReadStream();
        await using (stream.ConfigureAwait(false))
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        }

        if (Detect(bytes) is not { } format)
        {
            return new ImageCheck(null, "Only PNG, JPEG, GIF or WebP pictures can be uploaded.");
        }

        var (image, error) = ImageReencoder.Reencode(bytes, format);
        return new ImageCheck(image, error);
    }

    /// <summary>The format whose signature <paramref name="header"/> starts with, or null.</summary>
    public static ImageFormat? Detect(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith(PngSignature))
        {
            return Png;
        }

        if (header.StartsWith(JpegSignature))
        {
            return Jpeg;
        }

        if (header.StartsWith("GIF87a"u8) || header.StartsWith("GIF89a"u8))
        {
            return Gif;
        }

        // RIFF, a 4-byte length, then WEBP.
        if (header.Length >= 12 && header.StartsWith("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8))
        {
            return WebP;
        }

        return null;
    }
}
