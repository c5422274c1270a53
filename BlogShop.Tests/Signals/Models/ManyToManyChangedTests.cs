using BlogShop.Signals;
using BlogShop.Signals.EntityFrameworkCore;
using BlogShop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Tests.Signals.Models;

/// <summary>Django's tests/m2m_signals: add, remove, clear and set on both sides, with pk_set.</summary>
public abstract class ManyToManyChangedTests(TestDatabase database) : ModelSignalsTest(database)
{
    private readonly List<(object? Sender, M2MChangedArgs Args)> _changes = [];

    [DatabaseFact]
    public async Task Adding_sends_pre_add_and_post_add_with_the_added_keys()
    {
        var (articleId, tagIds) = await SeedAsync(tags: 2, linked: 0);
        Connect();
        await using var db = NewContext();

        var article = await db.Articles.SingleAsync(a => a.Id == articleId);
        article.Tags.AddRange(await db.Tags.ToListAsync());
        await db.SaveChangesAsync();

        Assert.Equal([M2MAction.PreAdd, M2MAction.PostAdd], _changes.Select(c => c.Args.Action));
        var args = _changes[1].Args;
        Assert.Same(article, args.Instance);
        Assert.False(args.Reverse);
        Assert.Equal(typeof(Tag), args.Model);
        Assert.Equal(tagIds.Cast<object>().Order(), args.PkSet!.Order());
        Assert.Equal(db.Model.FindEntityType("ArticleTag")!.ClrType, _changes[1].Sender);
    }

    [DatabaseFact]
    public async Task Adding_from_the_other_side_is_reverse()
    {
        var (articleId, _) = await SeedAsync(tags: 1, linked: 0);
        await using (var seed = NewContext(withSignals: false))
        {
            seed.Articles.Add(new Article { Title = "Second" });
            await seed.SaveChangesAsync();
        }

        Connect();
        await using var db = NewContext();

        var tag = await db.Tags.SingleAsync();
        tag.Articles.AddRange(await db.Articles.ToListAsync());
        await db.SaveChangesAsync();

        var args = _changes.Single(c => c.Args.Action == M2MAction.PostAdd).Args;
        Assert.Same(tag, args.Instance);
        Assert.True(args.Reverse);
        Assert.Equal(typeof(Article), args.Model);
        Assert.Equal(2, args.PkSet!.Count);
    }

    [DatabaseFact]
    public async Task Removing_sends_pre_remove_and_post_remove_with_the_removed_keys()
    {
        var (articleId, tagIds) = await SeedAsync(tags: 2, linked: 2);
        Connect();
        await using var db = NewContext();

        var article = await db.Articles.Include(a => a.Tags).SingleAsync(a => a.Id == articleId);
        article.Tags.Remove(article.Tags.Single(t => t.Id == tagIds[0]));
        await db.SaveChangesAsync();

        Assert.Equal([M2MAction.PreRemove, M2MAction.PostRemove], _changes.Select(c => c.Args.Action));
        Assert.Equal([(object)tagIds[0]], _changes[1].Args.PkSet!);
    }

    [DatabaseFact]
    public async Task Clearing_sends_pre_clear_and_post_clear_without_keys()
    {
        var (articleId, _) = await SeedAsync(tags: 2, linked: 2);
        Connect();
        await using var db = NewContext();

        var article = await db.Articles.Include(a => a.Tags).SingleAsync(a => a.Id == articleId);
        article.Tags.Clear();
        await db.SaveChangesAsync();

        Assert.Equal([M2MAction.PreClear, M2MAction.PostClear], _changes.Select(c => c.Args.Action));
        Assert.Null(_changes[1].Args.PkSet);
    }

    [DatabaseFact]
    public async Task Setting_removes_then_adds()
    {
        var (articleId, tagIds) = await SeedAsync(tags: 3, linked: 2);
        Connect();
        await using var db = NewContext();

        var article = await db.Articles.Include(a => a.Tags).SingleAsync(a => a.Id == articleId);
        article.Tags.Remove(article.Tags.Single(t => t.Id == tagIds[0]));
        article.Tags.Add(await db.Tags.SingleAsync(t => t.Id == tagIds[2]));
        await db.SaveChangesAsync();

        Assert.Equal([M2MAction.PreRemove, M2MAction.PreAdd, M2MAction.PostRemove, M2MAction.PostAdd], _changes.Select(c => c.Args.Action));
        Assert.Equal([(object)tagIds[2]], _changes[3].Args.PkSet!);
    }

    [DatabaseFact]
    public async Task Adding_new_tags_reports_their_generated_keys_after_the_write()
    {
        var (articleId, _) = await SeedAsync(tags: 0, linked: 0);
        Connect();
        await using var db = NewContext();

        var article = await db.Articles.SingleAsync(a => a.Id == articleId);
        article.Tags.Add(new Tag { Name = "new" });
        await db.SaveChangesAsync();

        var tagId = (await db.Tags.SingleAsync()).Id;
        Assert.Equal([(object)tagId], _changes.Single(c => c.Args.Action == M2MAction.PostAdd).Args.PkSet!);
    }

    [DatabaseFact]
    public async Task Join_rows_send_no_save_or_delete_signals()
    {
        var (articleId, _) = await SeedAsync(tags: 1, linked: 0);
        Signals.PostSave.Connect((s, e) => Log.Add($"post_save {((Type)s!).Name}"));
        Signals.PostDelete.Connect((s, e) => Log.Add($"post_delete {((Type)s!).Name}"));
        await using var db = NewContext();

        var article = await db.Articles.SingleAsync(a => a.Id == articleId);
        article.Tags.Add(await db.Tags.SingleAsync());
        await db.SaveChangesAsync();
        article.Tags.Clear();
        await db.SaveChangesAsync();

        Assert.Empty(Log);
    }

    [DatabaseFact]
    public async Task Deleting_an_entity_removes_its_join_rows_without_m2m_changed()
    {
        var (articleId, _) = await SeedAsync(tags: 2, linked: 2);
        Connect();
        await using var db = NewContext();

        db.Articles.Remove(await db.Articles.Include(a => a.Tags).SingleAsync(a => a.Id == articleId));
        await db.SaveChangesAsync();

        Assert.Empty(_changes);
    }

    private void Connect() => Signals.M2MChanged.Connect((s, e) => _changes.Add((s, e)));

    private async Task<(int ArticleId, int[] TagIds)> SeedAsync(int tags, int linked)
    {
        await using var db = NewContext(withSignals: false);
        var article = new Article { Title = "Article" };
        var created = Enumerable.Range(1, tags).Select(i => new Tag { Name = $"t{i}" }).ToList();
        db.Articles.Add(article);
        db.Tags.AddRange(created);
        article.Tags.AddRange(created.Take(linked));
        await db.SaveChangesAsync();
        return (article.Id, created.Select(t => t.Id).ToArray());
    }

    public sealed class Sqlite() : ManyToManyChangedTests(new SqliteTestDatabase());

    public sealed class Postgres() : ManyToManyChangedTests(new PostgresTestDatabase()), IPostgresTests;
}
