using BlogShop.Domain.Entities;
using BlogShop.Domain.Media;
using Microsoft.Extensions.Options;

namespace BlogShop.Tests.Domain.Media;

public sealed class FileSystemMediaStorageTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("blogshop-media-").FullName;

    [Fact]
    public async Task Saved_files_get_generated_names_in_their_folder_and_read_back()
    {
        var storage = Storage();

        using var content = new MemoryStream([1, 2, 3]);
        var path = await storage.SaveAsync(content, "covers", ".PNG", CancellationToken.None);

        Assert.Matches("^covers/[0-9a-f]{32}\\.png$", path);
        Assert.True(storage.Exists(path));
        await using var read = storage.OpenRead(path);
        Assert.NotNull(read);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal([1, 2, 3], copy.ToArray());
    }

    [Fact]
    public async Task Deleting_removes_the_file_once_and_reports_it()
    {
        var storage = Storage();
        using var content = new MemoryStream([1]);
        var path = await storage.SaveAsync(content, "pictures", ".jpg", CancellationToken.None);

        Assert.True(await storage.DeleteAsync(path, CancellationToken.None));
        Assert.False(await storage.DeleteAsync(path, CancellationToken.None));
        Assert.Null(storage.OpenRead(path));
    }

    [Theory]
    [InlineData("../outside.png")]
    [InlineData("covers/../../outside.png")]
    [InlineData("/etc/passwd")]
    public void Paths_outside_the_media_folder_are_refused(string path)
    {
        var storage = Storage();

        Assert.Throws<ArgumentException>(() => storage.GetFullPath(path.StartsWith('/') ? "../../../.." + path : path));
    }

    [Theory]
    [InlineData(".p/ng")]
    [InlineData("png")]
    [InlineData("./../x")]
    public async Task Extensions_that_are_not_plain_extensions_are_refused(string extension)
    {
        using var content = new MemoryStream([1]);
        await Assert.ThrowsAsync<ArgumentException>(() => Storage().SaveAsync(content, "covers", extension, CancellationToken.None));
    }

    [Fact]
    public async Task The_default_profile_picture_is_written_at_startup_and_never_deleted()
    {
        var storage = Storage();

        await storage.EnsureDefaultsAsync(CancellationToken.None);

        Assert.True(storage.Exists(BillingProfile.DefaultImage));
        Assert.False(await storage.DeleteAsync(BillingProfile.DefaultImage, CancellationToken.None));
        Assert.True(storage.Exists(BillingProfile.DefaultImage));
        var bytes = await File.ReadAllBytesAsync(storage.GetFullPath(BillingProfile.DefaultImage));
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], bytes[..4]);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private FileSystemMediaStorage Storage() => new(Options.Create(new MediaOptions { Root = root }));
}
