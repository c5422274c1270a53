using BlogShop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Tests.Signals.Models;

/// <summary>Like Django's QuerySet.update(): set-based statements send no model signals.</summary>
public abstract class BulkPathsTests(TestDatabase database) : ModelSignalsTest(database)
{
    [DatabaseFact]
    public async Task ExecuteUpdate_ExecuteDelete_and_raw_SQL_send_no_signals()
    {
        await using (var seed = NewContext(withSignals: false))
        {
            seed.People.AddRange(new Person { FirstName = "A" }, new Person { FirstName = "B" });
            await seed.SaveChangesAsync();
        }

        Signals.PreSave.Connect((s, e) => Log.Add("pre_save"));
        Signals.PostSave.Connect((s, e) => Log.Add("post_save"));
        Signals.PreDelete.Connect((s, e) => Log.Add("pre_delete"));
        Signals.PostDelete.Connect((s, e) => Log.Add("post_delete"));
        await using var db = NewContext();

        var updated = await db.People.ExecuteUpdateAsync(p => p.SetProperty(x => x.LastName, "bulk"));
        var raw = await db.Database.ExecuteSqlRawAsync("UPDATE \"People\" SET \"FirstName\" = 'raw'");
        var deleted = await db.People.ExecuteDeleteAsync();

        Assert.Equal((2, 2, 2), (updated, raw, deleted));
        Assert.Empty(Log);
    }

    [DatabaseFact]
    public async Task SaveChangesWithoutSignals_writes_without_sending()
    {
        Signals.PreSave.Connect((s, e) => Log.Add("pre_save"));
        Signals.PostSave.Connect((s, e) => Log.Add("post_save"));
        await using var db = NewContext();

        db.People.Add(new Person { FirstName = "Quiet" });
        await db.SaveChangesWithoutSignalsAsync();

        Assert.Empty(Log);
        Assert.Equal(1, await db.People.CountAsync());
    }

    public sealed class Sqlite() : BulkPathsTests(new SqliteTestDatabase());

    public sealed class Postgres() : BulkPathsTests(new PostgresTestDatabase()), IPostgresTests;
}
