using BlogShop.Web.Uploads;
using Microsoft.AspNetCore.Http;

namespace BlogShop.Tests.Web.Uploads;

public class ImageUploadValidatorTests
{
    public static TheoryData<string, byte[]> RealImages => new()
    {
        { ".png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48] },
        { ".jpg", [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46, 0x49, 0x46] },
        { ".gif", "GIF89a\x01\0\x01\0\0\0"u8.ToArray() },
        { ".gif", "GIF87a\x01\0\x01\0\0\0"u8.ToArray() },
        { ".webp", "RIFF\x24\0\0\0WEBPVP8 "u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(RealImages))]
    public async Task A_real_image_is_accepted_whatever_its_name_and_header_say(string extension, byte[] bytes)
    {
        var check = await ImageUploadValidator.CheckAsync(File(bytes, "notes.txt", "text/plain"), CancellationToken.None);

        Assert.True(check.IsValid, check.Error);
        Assert.Equal(extension, check.Format!.Extension);
    }

    [Theory]
    [InlineData("Just some text, named like a picture.")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>")]
    [InlineData("RIFF\u0024\0\0\0WAVEfmt ")]
    [InlineData("GIF8")]
    public async Task Bytes_that_are_not_an_accepted_image_are_refused_even_when_named_and_labelled_as_one(string content)
    {
        var check = await ImageUploadValidator.CheckAsync(File(System.Text.Encoding.Latin1.GetBytes(content), "photo.png", "image/png"), CancellationToken.None);

        Assert.False(check.IsValid);
        Assert.Equal("Only PNG, JPEG, GIF or WebP pictures can be uploaded.", check.Error);
    }

    [Fact]
    public async Task A_picture_over_5_MB_is_refused()
    {
        var bytes = new byte[ImageUploadValidator.MaxBytes + 1];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);

        var check = await ImageUploadValidator.CheckAsync(File(bytes, "big.png", "image/png"), CancellationToken.None);

        Assert.False(check.IsValid);
        Assert.Contains("5 MB", check.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_picture_of_exactly_5_MB_is_accepted()
    {
        var bytes = new byte[ImageUploadValidator.MaxBytes];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);

        var check = await ImageUploadValidator.CheckAsync(File(bytes, "big.png", "image/png"), CancellationToken.None);

        Assert.True(check.IsValid);
    }

    [Fact]
    public async Task An_empty_file_is_refused()
    {
        var check = await ImageUploadValidator.CheckAsync(File([], "empty.png", "image/png"), CancellationToken.None);

        Assert.Equal("The file is empty.", check.Error);
    }

    private static FormFile File(byte[] bytes, string name, string contentType) =>
        new(new MemoryStream(bytes), 0, bytes.Length, "Picture", name)
        {
            Headers = new HeaderDictionary(),
            ContentType = contentType,
        };
}
