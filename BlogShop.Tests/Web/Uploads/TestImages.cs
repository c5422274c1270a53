using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace BlogShop.Tests.Web.Uploads;

/// <summary>Real pictures made with Skia, and the crafted files an attacker would upload.</summary>
internal static class TestImages
{
    /// <summary>A real 1 × 1 GIF (Skia has no GIF encoder).</summary>
    public static readonly byte[] Gif = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    public static byte[] Png(int width, int height) => Encode(width, height, SKEncodedImageFormat.Png);

    public static byte[] Jpeg(int width, int height) => Encode(width, height, SKEncodedImageFormat.Jpeg);

    public static byte[] WebP(int width, int height) => Encode(width, height, SKEncodedImageFormat.Webp);

    /// <summary>A picture whose left half is red and right half blue, so a rotation shows.</summary>
    public static byte[] Encode(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Red);
            using var blue = new SKPaint { Color = SKColors.Blue };
            canvas.DrawRect(width / 2f, 0, width - (width / 2f), height, blue);
        }

        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>A PNG that declares other dimensions than its pixel data has (the IHDR chunk patched, its CRC fixed).</summary>
    public static byte[] PngDeclaring(int width, int height)
    {
        var png = Png(8, 8);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32(png.AsSpan(12, 17)));
        return png;
    }

    /// <summary>A JPEG with an EXIF block: the orientation tag and an image description carrying <paramref name="secret"/>.</summary>
    public static byte[] JpegWithExif(byte[] jpeg, ushort orientation, string secret)
    {
        var text = Encoding.ASCII.GetBytes(secret + "\0");
        var tiff = new List<byte>();
        tiff.AddRange("MM\0*"u8.ToArray());
        tiff.AddRange(BigEndian(8u));
        tiff.AddRange(BigEndian((ushort)2));
        tiff.AddRange(Entry(0x010E, 2, (uint)text.Length, 8 + 2 + (2 * 12) + 4));  // ImageDescription, after the IFD
        tiff.AddRange(Entry(0x0112, 3, 1, (uint)orientation << 16));               // Orientation, a SHORT in the value field
        tiff.AddRange(BigEndian(0u));
        tiff.AddRange(text);
        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var segment = new byte[] { 0xFF, 0xE1 }.Concat(BigEndian((ushort)(payload.Length + 2))).Concat(payload);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];

        static IEnumerable<byte> Entry(ushort tag, ushort type, uint count, uint value) =>
            BigEndian(tag).Concat(BigEndian(type)).Concat(BigEndian(count)).Concat(BigEndian(value));
    }

    private static byte[] BigEndian(ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] BigEndian(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    /// <summary>The pixels of an encoded picture, to compare two encodings by what they show.</summary>
    public static SKBitmap Decode(byte[] bytes) => SKBitmap.Decode(bytes) ?? throw new Xunit.Sdk.XunitException("Not a decodable picture.");
}
