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
        Assert.Same(article, _changes[1].Args.Instance);
        Assert.False(_changes[1].Args.Reverse);
    }

    [DatabaseFact]
    public async Task Clearing_the_loaded_collection_is_a_remove_with_every_removed_key()
    {
        var (articleId, tagIds) = await SeedAsync(tags: 2, linked: 2);
        Connect();
        await using var db = NewContext();

        var article = await db.Articles.Include(a => a.Tags).SingleAsync(a => a.Id == articleId);
        article.Tags.Clear();
        await db.SaveChangesAsync();

        Assert.Equal([M2MAction.PreRemove, M2MAction.PostRemove], _changes.Select(c => c.Args.Action));
        Assert.All(_changes, c => Assert.Equal(tagIds.Cast<object>().Order(), c.Args.PkSet!.Order()));
        Assert.Equal(0, await LinkCountAsync(articleId));
    }

    [DatabaseFact]
    public async Task Removing_the_last_tag_of_a_filtered_include_is_a_remove_while_other_rows_remain()
    {
        var (articleId, tagIds) = await SeedAsync(tags: 2, linked: 2);
        Connect();
        await using var db = NewContext();

        var article = await db.Articles.Include(a => a.Tags.Where(t => t.Id == tagIds[0])).SingleAsync(a => a.Id == articleId);
        article.Tags.Remove(article.Tags.Single());
        await db.SaveChangesAsync();

        Assert.Equal([M2MAction.PreRemove, M2MAction.PostRemove], _changes.Select(c => c.Args.Action));
        Assert.All(_changes, c => Assert.Equal([(object)tagIds[0]], c.Args.PkSet!));
        Assert.Equal(1, await LinkCountAsync(articleId));
    }

    [DatabaseFact]
    public async Task Adding_one_article_to_a_tag_is_reported_from_the_tag()
    {
        var (articleId, _) = await SeedAsync(tags: 1, linked: 0);
        Connect();
        await using var db = NewContext();

        var tag = await db.Tags.SingleAsync();
        tag.Articles.Add(await db.Articles.SingleAsync(a => a.Id == articleId));
        await db.SaveChangesAsync();

        AssertReportedFromTheTag(tag, articleId, M2MAction.PreAdd, M2MAction.PostAdd);
    }

    [DatabaseFact]
    public async Task Removing_one_article_from_a_tag_is_reported_from_the_tag()
    {
        var (tag, articleId) = await RemoveTheArticleOfTheTagAsync();

        AssertReportedFromTheTag(tag, articleId, M2MAction.PreRemove, M2MAction.PostRemove);
    }

    [DatabaseFact]
    public async Task Removing_from_a_tag_is_reported_from_the_tag_when_the_article_collection_is_loaded_too()
    {
        var (tag, articleId) = await RemoveTheArticleOfTheTagAsync(loadTheArticleSide: true);

        AssertReportedFromTheTag(tag, articleId, M2MAction.PreRemove, M2MAction.PostRemove);
    }

    [DatabaseFact]
    public async Task A_change_to_a_relation_of_a_type_with_itself_is_reported_from_the_entity_whose_collection_changed()
    {
        await using (var seed = NewContext(withSignals: false))
        {
            seed.Members.AddRange(new Member { Name = "a" }, new Member { Name = "b" }, new Member { Name = "c" });
            await seed.SaveChangesAsync();
        }

        Connect();
        await using var db = NewContext();
        var members = await db.Members.OrderBy(m => m.Name).ToListAsync();
        var (a, b, c) = (members[0], members[1], members[2]);

        a.Following.Add(b);
        await db.SaveChangesAsync();
        c.Followers.Add(a);
        await db.SaveChangesAsync();

        var (following, followers) = (_changes[1].Args, _changes[3].Args);
        Assert.Equal([M2MAction.PreAdd, M2MAction.PostAdd, M2MAction.PreAdd, M2MAction.PostAdd], _changes.Select(x => x.Args.Action));
        Assert.Same(a, following.Instance);
        Assert.Equal([(object)b.Id], following.PkSet!);
        Assert.Same(c, followers.Instance);
        Assert.Equal([(object)a.Id], followers.PkSet!);
        Assert.NotEqual(following.Reverse, followers.Reverse);
        Assert.All(_changes, x => Assert.Equal(typeof(Member), x.Args.Model));
    }

    [DatabaseFact]
    public async Task A_removal_detected_before_SaveChanges_is_reported_from_the_side_whose_collection_was_loaded()
    {
        var (tag, articleId) = await RemoveTheArticleOfTheTagAsync(detectBeforeSaving: true);

        AssertReportedFromTheTag(tag, articleId, M2MAction.PreRemove, M2MAction.PostRemove);
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

    /// <summary>Seeds a tag with one article, then removes the article from the tag's loaded collection and saves.</summary>
    private async Task<(Tag Tag, int ArticleId)> RemoveTheArticleOfTheTagAsync(bool loadTheArticleSide = false, bool detectBeforeSaving = false)
    {
        var (articleId, _) = await SeedAsync(tags: 1, linked: 1);
        Connect();
        await using var db = NewContext();

        if (loadTheArticleSide)
        {
            await db.Articles.Include(a => a.Tags).SingleAsync(a => a.Id == articleId);
        }

        var tag = await db.Tags.Include(t => t.Articles).SingleAsync();
        tag.Articles.Remove(tag.Articles.Single());
        if (detectBeforeSaving)
        {
            db.ChangeTracker.DetectChanges();
        }

        await db.SaveChangesAsync();
        return (tag, articleId);
    }

    private void AssertReportedFromTheTag(Tag tag, int articleId, params M2MAction[] actions)
    {
        Assert.Equal(actions, _changes.Select(c => c.Args.Action));
        Assert.All(_changes, c =>
        {
            Assert.Same(tag, c.Args.Instance);
            Assert.True(c.Args.Reverse);
            Assert.Equal(typeof(Article), c.Args.Model);
            Assert.Equal([(object)articleId], c.Args.PkSet!);
        });
    }

    private async Task<int> LinkCountAsync(int articleId)
    {
        await using var db = NewContext(withSignals: false);
        return await db.Articles.Where(a => a.Id == articleId).SelectMany(a => a.Tags).CountAsync();
    }

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
