using BlogShop.Signals.EntityFrameworkCore;
using BlogShop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Tests.Signals.Models;

/// <summary>DeleteWithSignalsAsync and ManyToManyRelation refuse what they cannot do right, with a clear error.</summary>
public abstract class QueryDeleteAndRelationErrorTests(TestDatabase database) : ModelSignalsTest(database)
{
    [DatabaseFact]
    public async Task A_query_delete_refuses_a_context_with_unsaved_changes_and_deletes_nothing()
    {
        await SeedPersonAsync("Ann");

        await using var db = NewContext();
        db.People.Add(new Person { FirstName = "Pending" });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.People.DeleteWithSignalsAsync(db));

        Assert.Contains("unsaved changes", error.Message, StringComparison.Ordinal);
        await using var check = NewContext(withSignals: false);
        Assert.Equal(["Ann"], await check.People.Select(p => p.FirstName).ToListAsync());
    }

    [DatabaseFact]
    public async Task A_query_delete_refuses_a_query_of_another_context()
    {
        await using var db = NewContext();
        await using var other = NewContext();

        await Assert.ThrowsAsync<InvalidOperationException>(() => other.People.DeleteWithSignalsAsync(db));
    }

    [DatabaseFact]
    public async Task A_query_delete_that_matches_nothing_returns_zero_and_sends_nothing()
    {
        Signals.PreDelete.Connect((s, e) => Log.Add("pre_delete"));
        await using var db = NewContext();

        Assert.Equal(0, await db.People.Where(p => p.FirstName == "nobody").DeleteWithSignalsAsync(db));
        Assert.Empty(Log);
    }

    [DatabaseFact]
    public async Task Adding_an_unsaved_object_to_a_relation_is_refused_and_writes_nothing()
    {
        await using var db = NewContext();
        var article = new Article { Title = "A" };
        db.Add(article);
        await db.SaveChangesAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => db.ManyToMany(article, a => a.Tags).AddAsync(new Tag { Name = "new" }));

        Assert.Contains("saved", error.Message, StringComparison.Ordinal);
        await using var check = NewContext(withSignals: false);
        Assert.Empty(await check.Tags.ToListAsync());
    }

    [DatabaseFact]
    public async Task A_failing_m2m_receiver_rolls_the_relation_change_back()
    {
        await using var db = NewContext();
        var article = new Article { Title = "A" };
        var tag = new Tag { Name = "t" };
        db.AddRange(article, tag);
        await db.SaveChangesAsync();
        Signals.M2MChanged.Connect((s, e) =>
        {
            if (e.Action == M2MAction.PostAdd)
            {
                throw new InvalidOperationException("receiver failed");
            }
        });

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.ManyToMany(article, a => a.Tags).AddAsync(tag));

        await using var check = NewContext(withSignals: false);
        Assert.Empty(await check.Articles.Where(a => a.Tags.Any()).ToListAsync());
    }

    public sealed class Sqlite() : QueryDeleteAndRelationErrorTests(new SqliteTestDatabase());

    public sealed class Postgres() : QueryDeleteAndRelationErrorTests(new PostgresTestDatabase()), IPostgresTests;
}
