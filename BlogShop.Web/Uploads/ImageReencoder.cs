using SkiaSharp;

namespace BlogShop.Web.Uploads;

/// <summary>An upload decoded and encoded afresh: only pixels survive, no metadata, no trailing bytes.</summary>
/// <param name="Format">The format stored (a GIF becomes a PNG of its first frame).</param>
/// <param name="Image">The new encoding, upright (the EXIF orientation applied to the pixels).</param>
/// <param name="Thumbnail">The same picture fitted into <see cref="ImageReencoder.ThumbnailSize"/> square.</param>
/// <param name="Width">The stored picture's width in pixels.</param>
/// <param name="Height">The stored picture's height in pixels.</param>
public sealed record ReencodedImage(ImageFormat Format, byte[] Image, byte[] Thumbnail, int Width, int Height);

/// <summary>
/// Decodes an uploaded picture with Skia and stores a fresh encoding of its pixels. Whatever the file carried beside
/// its pixels (EXIF with GPS position, comments, a script after the image data, a second file format) is not copied.
/// The size the file declares is checked before any pixel is decoded, so a small file that expands to gigabytes
/// (a decompression bomb) is refused without allocating it. Failures are returned as a message for the form field,
/// never thrown.
/// </summary>
internal static class ImageReencoder
{
    public const int MaxDimension = 4096;

    public const int ThumbnailSize = 400;

    private const int JpegQuality = 85;

    /// <summary>Decodes <paramref name="bytes"/> (already recognized as <paramref name="detected"/>) and re-encodes it.</summary>
    public static (ReencodedImage? Image, string? Error) Reencode(byte[] bytes, ImageFormat detected)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null || FormatOf(codec.EncodedFormat) is not { } decoded || decoded != detected)
        {
            return (null, $"The file starts like a {detected.Name} picture but is not a readable one.");
        }

        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width > MaxDimension || height > MaxDimension)
        {
            return (null, $"The picture is {width} × {height} pixels; at most {MaxDimension} × {MaxDimension} are accepted.");
        }

        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, codec.Info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul);
        using var decodedPixels = new SKBitmap(info);
        if (codec.GetPixels(info, decodedPixels.GetPixels()) != SKCodecResult.Success)
        {
            return (null, $"The {detected.Name} picture is damaged or incomplete.");
        }

        using var turned = codec.EncodedOrigin == SKEncodedOrigin.TopLeft ? null : Orient(decodedPixels, codec.EncodedOrigin);
        var upright = turned ?? decodedPixels;
        var stored = detected == ImageUploadValidator.Gif ? ImageUploadValidator.Png : detected;
        using var thumbnail = Thumbnail(upright);
        return (new ReencodedImage(stored, Encode(upright, stored), Encode(thumbnail, stored), upright.Width, upright.Height), null);
    }

    private static ImageFormat? FormatOf(SKEncodedImageFormat format) => format switch
    {
        SKEncodedImageFormat.Png => ImageUploadValidator.Png,
        SKEncodedImageFormat.Jpeg => ImageUploadValidator.Jpeg,
        SKEncodedImageFormat.Gif => ImageUploadValidator.Gif,
        SKEncodedImageFormat.Webp => ImageUploadValidator.WebP,
        _ => null,
    };

    private static byte[] Encode(SKBitmap bitmap, ImageFormat format)
    {
        var (skiaFormat, quality) = format == ImageUploadValidator.Jpeg ? (SKEncodedImageFormat.Jpeg, JpegQuality)
            : format == ImageUploadValidator.WebP ? (SKEncodedImageFormat.Webp, JpegQuality)
            : (SKEncodedImageFormat.Png, 100);
        using var encoded = bitmap.Encode(skiaFormat, quality)
            ?? throw new InvalidOperationException($"Skia could not encode a {bitmap.Width} × {bitmap.Height} picture as {format.Name}.");
        return encoded.ToArray();
    }

    /// <summary>Fits the picture into the thumbnail square (never enlarges it).</summary>
    private static SKBitmap Thumbnail(SKBitmap source)
    {
        var scale = Math.Min(1.0, (double)ThumbnailSize / Math.Max(source.Width, source.Height));
        var size = new SKSizeI(Math.Max(1, (int)Math.Round(source.Width * scale)), Math.Max(1, (int)Math.Round(source.Height * scale)));
        return source.Resize(size, new SKSamplingOptions(SKCubicResampler.Mitchell))
            ?? throw new InvalidOperationException($"Skia could not resize a {source.Width} × {source.Height} picture.");
    }

    /// <summary>
    /// The pixels turned the way the EXIF orientation says, since the orientation tag itself is not kept (Skia's
    /// SkEncodedOriginToMatrix).
    /// </summary>
    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        float w = source.Width, h = source.Height;
        var matrix = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => SKMatrix.Identity,  // TopLeft: already upright
        };
        var swapped = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var upright = new SKBitmap(new SKImageInfo(swapped ? source.Height : source.Width, swapped ? source.Width : source.Height, source.ColorType, source.AlphaType));
        using var canvas = new SKCanvas(upright);
        canvas.Clear(SKColors.Transparent);
        canvas.SetMatrix(matrix);
        canvas.DrawBitmap(source, 0, 0, SKSamplingOptions.Default);
        return upright;
    }
}
