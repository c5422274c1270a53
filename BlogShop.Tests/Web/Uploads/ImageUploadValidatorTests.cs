using System.Text;
using BlogShop.Web.Uploads;
using Microsoft.AspNetCore.Http;
using SkiaSharp;

namespace BlogShop.Tests.Web.Uploads;

public class ImageUploadValidatorTests
{
    public static TheoryData<string, byte[], string> RealImages => new()
    {
        { "PNG", TestImages.Png(3, 2), ".png" },
        { "JPEG", TestImages.Jpeg(3, 2), ".jpg" },
        { "WebP", TestImages.WebP(3, 2), ".webp" },
        { "GIF", TestImages.Gif, ".png" },
    };

    [Theory]
    [MemberData(nameof(RealImages))]
    public async Task A_real_image_is_accepted_whatever_its_name_and_header_say_and_stored_in_a_fresh_encoding(string kind, byte[] bytes, string storedAs)
    {
        var check = await ImageUploadValidator.CheckAsync(File(bytes, "notes.txt", "text/plain"), CancellationToken.None);

        Assert.True(check.IsValid, $"{kind}: {check.Error}");
        Assert.Equal(storedAs, check.Image!.Format.Extension);
        using var stored = TestImages.Decode(check.Image.Image);
        using var original = TestImages.Decode(bytes);
        Assert.Equal((original.Width, original.Height), (stored.Width, stored.Height));
    }

    [Theory]
    [InlineData("Just some text, named like a picture.")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>")]
    [InlineData("RIFF\u0024\0\0\0WAVEfmt ")]
    [InlineData("GIF8")]
    public async Task Bytes_that_are_not_an_accepted_image_are_refused_even_when_named_and_labelled_as_one(string content)
    {
        var check = await ImageUploadValidator.CheckAsync(File(Encoding.Latin1.GetBytes(content), "photo.png", "image/png"), CancellationToken.None);

        Assert.False(check.IsValid);
        Assert.Equal("Only PNG, JPEG, GIF or WebP pictures can be uploaded.", check.Error);
    }

    [Fact]
    public async Task A_signature_followed_by_anything_but_an_image_is_refused()
    {
        byte[] fake = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. "<script>alert(1)</script>"u8];

        var check = await ImageUploadValidator.CheckAsync(File(fake, "x.png", "image/png"), CancellationToken.None);

        Assert.Equal("The file starts like a PNG picture but is not a readable one.", check.Error);
    }

    [Fact]
    public async Task A_picture_over_5_MB_is_refused()
    {
        var bytes = new byte[ImageUploadValidator.MaxBytes + 1];
        TestImages.Png(2, 2).CopyTo(bytes, 0);

        var check = await ImageUploadValidator.CheckAsync(File(bytes, "big.png", "image/png"), CancellationToken.None);

        Assert.False(check.IsValid);
        Assert.Contains("5 MB", check.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_picture_of_exactly_5_MB_is_accepted_and_its_trailing_bytes_are_dropped()
    {
        var bytes = new byte[ImageUploadValidator.MaxBytes];
        var png = TestImages.Png(2, 2);
        png.CopyTo(bytes, 0);
        "TRAILING-PAYLOAD"u8.CopyTo(bytes.AsSpan(png.Length));

        var check = await ImageUploadValidator.CheckAsync(File(bytes, "big.png", "image/png"), CancellationToken.None);

        Assert.True(check.IsValid, check.Error);
        Assert.True(check.Image!.Image.Length < 1024, $"{check.Image.Image.Length} bytes stored");
        Assert.DoesNotContain("TRAILING-PAYLOAD", Encoding.Latin1.GetString(check.Image.Image), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_file_is_refused()
    {
        var check = await ImageUploadValidator.CheckAsync(File([], "empty.png", "image/png"), CancellationToken.None);

        Assert.Equal("The file is empty.", check.Error);
    }

    [Theory]
    [InlineData(4097, 1)]
    [InlineData(1, 4097)]
    [InlineData(60000, 60000)]
    public async Task A_picture_declaring_more_than_4096_pixels_a_side_is_refused_before_it_is_decoded(int width, int height)
    {
        var check = await ImageUploadValidator.CheckAsync(File(TestImages.PngDeclaring(width, height), "bomb.png", "image/png"), CancellationToken.None);

        Assert.Equal($"The picture is {width} × {height} pixels; at most 4096 × 4096 are accepted.", check.Error);
    }

    [Fact]
    public async Task A_picture_of_4096_pixels_a_side_is_accepted()
    {
        var check = await ImageUploadValidator.CheckAsync(File(TestImages.Png(4096, 1), "wide.png", "image/png"), CancellationToken.None);

        Assert.True(check.IsValid, check.Error);
        Assert.Equal((4096, 1), (check.Image!.Width, check.Image.Height));
    }

    [Fact]
    public async Task Exif_metadata_is_dropped_and_its_orientation_applied_to_the_pixels()
    {
        // Orientation 6: the camera was turned; the picture is shown rotated 90° clockwise.
        var jpeg = TestImages.JpegWithExif(TestImages.Jpeg(40, 20), orientation: 6, secret: "GPS 48.8584N 2.2945E");

        var check = await ImageUploadValidator.CheckAsync(File(jpeg, "photo.jpg", "image/jpeg"), CancellationToken.None);

        Assert.True(check.IsValid, check.Error);
        var stored = Encoding.Latin1.GetString(check.Image!.Image);
        Assert.DoesNotContain("Exif", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("48.8584", stored, StringComparison.Ordinal);
        using var upright = TestImages.Decode(check.Image.Image);
        Assert.Equal((20, 40), (upright.Width, upright.Height));
        // Red was on the left; turned clockwise, it is on top.
        Assert.True(upright.GetPixel(10, 5).Red > 200 && upright.GetPixel(10, 35).Blue > 200, $"{upright.GetPixel(10, 5)} / {upright.GetPixel(10, 35)}");
    }

    [Fact]
    public async Task A_polyglot_comes_out_as_the_clean_picture_alone()
    {
        var png = TestImages.Png(16, 16);
        byte[] polyglot = [.. png, .. "<html><script>alert(document.cookie)</script></html>PK\u0003\u0004"u8];

        var check = await ImageUploadValidator.CheckAsync(File(polyglot, "cat.png", "image/png"), CancellationToken.None);
        var clean = await ImageUploadValidator.CheckAsync(File(png, "cat.png", "image/png"), CancellationToken.None);

        Assert.True(check.IsValid, check.Error);
        Assert.Equal(clean.Image!.Image, check.Image!.Image);
        Assert.DoesNotContain("<script", Encoding.Latin1.GetString(check.Image.Image), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_thumbnail_fits_in_400_pixels_and_keeps_the_aspect_ratio()
    {
        var check = await ImageUploadValidator.CheckAsync(File(TestImages.Jpeg(1600, 800), "wide.jpg", "image/jpeg"), CancellationToken.None);

        using var thumbnail = TestImages.Decode(check.Image!.Thumbnail);
        Assert.Equal((400, 200), (thumbnail.Width, thumbnail.Height));
        Assert.Equal(SKEncodedImageFormat.Jpeg, SKCodec.Create(new MemoryStream(check.Image.Thumbnail)).EncodedFormat);
    }

    private static FormFile File(byte[] bytes, string name, string contentType) =>
        new(new MemoryStream(bytes), 0, bytes.Length, "Picture", name)
        {
            Headers = new HeaderDictionary(),
            ContentType = contentType,
        };
}
