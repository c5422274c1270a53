using BlogShop.Domain.Entities;

namespace BlogShop.Tests.Domain.Infrastructure;

/// <summary>Small builders for the rows most tests need, saved through the host's real DbContext (signals on).</summary>
internal static class Seed
{
    public static async Task<Article> ArticleAsync(this DomainHost host, ApplicationUser author, string title = "Hello world", string body = "One two three", string? image = null)
    {
        var article = new Article { AuthorId = author.Id, Title = title, Body = body, Image = image };
        await using var scoped = host.OpenDb();
        scoped.Db.Articles.Add(article);
        await scoped.Db.SaveChangesAsync();
        return article;
    }

    public static async Task<Book> BookAsync(this DomainHost host, ApplicationUser owner, string title = "Dune", string? cover = null)
    {
        var book = new Book { OwnerId = owner.Id, Title = title, Cover = cover };
        await using var scoped = host.OpenDb();
        scoped.Db.Books.Add(book);
        await scoped.Db.SaveChangesAsync();
        return book;
    }

    /// <summary>Writes a media file (as an upload would) and returns its media path.</summary>
    public static string MediaFile(this DomainHost host, string folder)
    {
        var path = $"{folder}/{Guid.NewGuid():N}.png";
        var full = Path.Combine(host.MediaRoot, folder, Path.GetFileName(path));
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, [0x89, 0x50, 0x4E, 0x47]);
        return path;
    }

    public static bool MediaExists(this DomainHost host, string path) => File.Exists(Path.Combine(host.MediaRoot, path));
}
