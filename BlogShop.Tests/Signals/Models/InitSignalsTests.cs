using BlogShop.Signals;
using BlogShop.Signals.EntityFrameworkCore;
using BlogShop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Tests.Signals.Models;

/// <summary>pre_init/post_init: sent per row EF materializes, tracked or not.</summary>
public abstract class InitSignalsTests(TestDatabase database) : ModelSignalsTest(database)
{
    [DatabaseFact]
    public async Task Each_materialized_row_sends_pre_init_then_post_init_with_the_loaded_values()
    {
        await using (var seed = NewContext(withSignals: false))
        {
            seed.People.AddRange(new Person { FirstName = "A" }, new Person { FirstName = "B" });
            await seed.SaveChangesAsync();
        }

        Signals.PreInit.Connect((s, e) => Log.Add($"pre_init {e.EntityType.Name}"));
        Signals.PostInit.Connect((PostInit<Person> e) => Log.Add($"post_init {e.Instance.FirstName}"));
        await using var db = NewContext();

        await db.People.OrderBy(p => p.FirstName).ToListAsync();
        await db.People.AsNoTracking().Where(p => p.FirstName == "A").ToListAsync();

        Assert.Equal(
            ["pre_init Person", "post_init A", "pre_init Person", "post_init B", "pre_init Person", "post_init A"],
            Log);
    }

    [DatabaseFact]
    public async Task Creating_an_entity_in_code_sends_no_init_signal()
    {
        Signals.PostInit.Connect((s, e) => Log.Add("post_init"));
        await using var db = NewContext();

        db.People.Add(new Person { FirstName = "New" });
        await db.SaveChangesAsync();

        Assert.Empty(Log);
    }

    public sealed class Sqlite() : InitSignalsTests(new SqliteTestDatabase());

    public sealed class Postgres() : InitSignalsTests(new PostgresTestDatabase()), IPostgresTests;
}
