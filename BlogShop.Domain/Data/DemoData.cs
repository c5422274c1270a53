using BlogShop.Domain.Entities;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Domain.Data;

/// <summary>
/// The Development demo data: users (password <c>Demo123!</c>; ada is staff), their profiles, articles with comments
/// and reactions, books with summaries, products. Loaded from Fixtures/demo.json as a fixture (save signals carry
/// <c>Raw = true</c>, so receivers add no profiles, emails or notifications of their own), then tagged.
/// </summary>
internal static class DemoData
{
    public const string Password = "Demo123!";

    private const string Resource = "BlogShop.Domain.Fixtures.demo.json";

    /// <summary>Loads the demo data when the database has no users; returns whether it did.</summary>
    public static async Task<bool> LoadIfEmptyAsync(BlogShopDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Users.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var json = typeof(DemoData).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The demo fixture {Resource} is missing from the BlogShop.Domain assembly.");
        await using (json.ConfigureAwait(false))
        {
            await db.LoadFixtureAsync(json, cancellationToken).ConfigureAwait(false);
        }

        if (db is PostgresBlogShopDbContext)
        {
            await ResetPostgresSequencesAsync(db, cancellationToken).ConfigureAwait(false);
        }

        await TagArticlesAsync(db, cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        return true;
    }

    /// <summary>Fixtures carry many-to-many links in no form the loader reads: the tags are added here.</summary>
    private static async Task TagArticlesAsync(BlogShopDbContext db, CancellationToken cancellationToken)
    {
        var history = new Tag { Name = "history" };
        var signals = new Tag { Name = "signals" };
        var ai = new Tag { Name = "ai" };
        var articles = await db.Articles.OrderBy(a => a.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (article, tags) in articles.Zip(new[] { new[] { history }, [signals], [history, ai] }))
        {
            foreach (var tag in tags)
            {
                article.Tags.Add(tag);
            }
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Fixture rows carry their keys, which PostgreSQL identity columns do not count: move every sequence past the
    /// largest key so the next insert does not collide (Django's <c>sqlsequencereset</c>). SQLite needs nothing.
    /// </summary>
    private static async Task ResetPostgresSequencesAsync(BlogShopDbContext db, CancellationToken cancellationToken)
    {
        foreach (var entityType in db.Model.GetEntityTypes())
        {
            if (entityType.FindPrimaryKey() is not { Properties: [var key] } || key.ValueGenerated == Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never ||
                (key.ClrType != typeof(int) && key.ClrType != typeof(long)) || entityType.GetTableName() is not { } table)
            {
                continue;
            }

            var column = key.GetColumnName();
            var sql = "SELECT setval(pg_get_serial_sequence('\"" + table + "\"', '" + column + "'), COALESCE(MAX(\"" + column + "\"), 0) + 1, false) FROM \"" + table + "\"";
            await db.Database.ExecuteSqlRawAsync(sql, cancellationToken).ConfigureAwait(false);
        }
    }
}
