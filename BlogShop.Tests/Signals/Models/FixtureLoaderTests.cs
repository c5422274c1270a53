using System.Text;
using BlogShop.Signals.EntityFrameworkCore;
using BlogShop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Tests.Signals.Models;

/// <summary>Django's loaddata: fixture rows are saved with raw = true.</summary>
public abstract class FixtureLoaderTests(TestDatabase database) : ModelSignalsTest(database)
{
    [DatabaseFact]
    public async Task A_fixture_inserts_and_updates_rows_with_raw_save_signals()
    {
        await using (var seed = NewContext(withSignals: false))
        {
            seed.People.Add(new Person { Id = 1, FirstName = "Old" });
            await seed.SaveChangesAsync();
        }

        Signals.PostSave.Connect((PostSave<Person> e) => Log.Add($"post_save raw={e.Raw} created={e.Created} {e.Instance.FirstName}"));
        const string json = """
            [
              {"model": "Person", "pk": 1, "fields": {"firstName": "Ann", "lastName": "Lee"}},
              {"model": "person", "pk": 2, "fields": {"FirstName": "Bob"}}
            ]
            """;
        await using var db = NewContext();

        var loaded = await db.LoadFixtureAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(2, loaded);
        Assert.Equal(["post_save raw=True created=False Ann", "post_save raw=True created=True Bob"], Log.Order());
        await using var check = NewContext(withSignals: false);
        Assert.Equal(["Ann", "Bob"], await check.People.OrderBy(p => p.Id).Select(p => p.FirstName).ToListAsync());
    }

    [DatabaseFact]
    public async Task A_fixture_row_identical_to_the_stored_row_is_saved_with_raw_signals_too()
    {
        await using (var seed = NewContext(withSignals: false))
        {
            seed.People.Add(new Person { Id = 1, FirstName = "Ann", LastName = "Lee" });
            await seed.SaveChangesAsync();
        }

        Signals.PreSave.Connect((s, e) => Log.Add($"pre_save raw={e.Raw} {((Person)e.Instance).FirstName}"));
        Signals.PostSave.Connect((s, e) => Log.Add($"post_save raw={e.Raw} created={e.Created} {((Person)e.Instance).FirstName}"));
        await using var db = NewContext();

        await db.LoadFixtureAsync(new MemoryStream("""[{"model": "Person", "pk": 1, "fields": {"firstName": "Ann", "lastName": "Lee"}}]"""u8.ToArray()));

        Assert.Equal(["pre_save raw=True Ann", "post_save raw=True created=False Ann"], Log);
    }

    [DatabaseFact]
    public async Task A_fixture_naming_an_unknown_model_is_refused()
    {
        await using var db = NewContext();

        var error = await Assert.ThrowsAsync<InvalidDataException>(
            () => db.LoadFixtureAsync(new MemoryStream("""[{"model": "Nope", "pk": 1, "fields": {}}]"""u8.ToArray())));
        Assert.Contains("Nope", error.Message, StringComparison.Ordinal);
    }

    public sealed class Sqlite() : FixtureLoaderTests(new SqliteTestDatabase());

    public sealed class Postgres() : FixtureLoaderTests(new PostgresTestDatabase()), IPostgresTests;
}
