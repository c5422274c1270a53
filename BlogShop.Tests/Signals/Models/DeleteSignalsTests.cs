using BlogShop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Tests.Signals.Models;

/// <summary>Django's tests/delete signal tests: pre/post_delete with origin, cascades in the collector's order.</summary>
public abstract class DeleteSignalsTests(TestDatabase database) : ModelSignalsTest(database)
{
    [DatabaseFact]
    public async Task Deleting_an_entity_sends_pre_delete_and_post_delete_with_itself_as_origin()
    {
        var id = await SeedAsync(pages: 0);
        Signals.PreDelete.Connect((s, e) => Log.Add($"pre_delete {Name(e.Instance)} origin={Name(e.Origin)}"));
        Signals.PostDelete.Connect((s, e) => Log.Add($"post_delete {Name(e.Instance)} origin={Name(e.Origin)}"));
        await using var db = NewContext();

        db.Books.Remove(await db.Books.SingleAsync(b => b.Id == id));
        await db.SaveChangesAsync();

        Assert.Equal(["pre_delete Book:Dune origin=Book:Dune", "post_delete Book:Dune origin=Book:Dune"], Log);
    }

    [DatabaseFact]
    public async Task A_cascade_of_loaded_dependents_sends_dependents_first_in_both_phases()
    {
        var id = await SeedAsync(pages: 2);
        ConnectLogging();
        await using var db = NewContext();

        var book = await db.Books.Include(b => b.Pages).SingleAsync(b => b.Id == id);
        db.Books.Remove(book);
        await db.SaveChangesAsync();

        Assert.Equal(
            [
                "pre_delete Page:p1 origin=Book:Dune", "pre_delete Page:p2 origin=Book:Dune", "pre_delete Book:Dune origin=Book:Dune",
                "post_delete Page:p1 origin=Book:Dune", "post_delete Page:p2 origin=Book:Dune", "post_delete Book:Dune origin=Book:Dune",
            ],
            Log);
    }

    [DatabaseFact]
    public async Task Dependents_not_loaded_are_loaded_when_someone_listens_for_their_type()
    {
        var id = await SeedAsync(pages: 2, summary: true);
        var keys = new List<int>();
        Signals.PreDelete.Connect((s, e) => Log.Add($"pre_delete {Name(e.Instance)}"));
        Signals.PostDelete.Connect((s, e) => keys.Add(e.Instance is Page page ? page.Id : 0), sender: typeof(Page));
        await using var db = NewContext();

        db.Books.Remove(await db.Books.SingleAsync(b => b.Id == id));
        await db.SaveChangesAsync();

        Assert.Equal(["pre_delete Page:p1", "pre_delete Page:p2", "pre_delete Summary:s", "pre_delete Book:Dune"], Log);
        Assert.Equal(2, keys.Count);
        Assert.All(keys, k => Assert.True(k > 0));
        await using var check = NewContext(withSignals: false);
        Assert.Equal(0, await check.Pages.CountAsync());
        Assert.Equal(0, await check.Summaries.CountAsync());
    }

    [DatabaseFact]
    public async Task Dependents_nobody_listens_for_are_left_to_the_database_cascade()
    {
        var id = await SeedAsync(pages: 2);
        Signals.PreDelete.Connect((s, e) => Log.Add($"pre_delete {Name(e.Instance)}"), sender: typeof(Book));
        await using var db = NewContext();

        db.Books.Remove(await db.Books.SingleAsync(b => b.Id == id));
        await db.SaveChangesAsync();

        Assert.Equal(["pre_delete Book:Dune"], Log);
        Assert.Empty(db.ChangeTracker.Entries<Page>());
        await using var check = NewContext(withSignals: false);
        Assert.Equal(0, await check.Pages.CountAsync());
    }

    [DatabaseFact]
    public async Task A_listener_two_levels_down_loads_the_whole_cascade()
    {
        var id = await SeedAsync(pages: 1, notes: 2);
        Signals.PostDelete.Connect((s, e) => Log.Add($"post_delete {Name(e.Instance)} origin={Name(e.Origin)}"), sender: typeof(Note));
        await using var db = NewContext();

        db.Books.Remove(await db.Books.SingleAsync(b => b.Id == id));
        await db.SaveChangesAsync();

        Assert.Equal(["post_delete Note:n1 origin=Book:Dune", "post_delete Note:n2 origin=Book:Dune"], Log);
    }

    [DatabaseFact]
    public async Task A_pre_delete_receiver_sees_the_rows_still_in_the_database()
    {
        var id = await SeedAsync(pages: 2);
        Signals.PreDelete.Connect((s, e) => Log.Add($"pages in db: {e.Context.Set<Page>().AsNoTracking().Count()}"), sender: typeof(Book));
        await using var db = NewContext();

        db.Books.Remove(await db.Books.SingleAsync(b => b.Id == id));
        await db.SaveChangesAsync();

        Assert.Equal(["pages in db: 2"], Log);
    }

    private void ConnectLogging()
    {
        Signals.PreDelete.Connect((s, e) => Log.Add($"pre_delete {Name(e.Instance)} origin={Name(e.Origin)}"));
        Signals.PostDelete.Connect((s, e) => Log.Add($"post_delete {Name(e.Instance)} origin={Name(e.Origin)}"));
    }

    private static string Name(object entity) => entity switch
    {
        Book b => $"Book:{b.Name}",
        Page p => $"Page:{p.Text}",
        Note n => $"Note:{n.Text}",
        Summary => "Summary:s",
        _ => entity.GetType().Name,
    };

    private async Task<int> SeedAsync(int pages, bool summary = false, int notes = 0)
    {
        await using var db = NewContext(withSignals: false);
        var book = new Book { Name = "Dune" };
        for (var i = 1; i <= pages; i++)
        {
            var page = new Page { Text = $"p{i}" };
            for (var j = 1; j <= notes; j++)
            {
                page.Notes.Add(new Note { Text = $"n{j}" });
            }

            book.Pages.Add(page);
        }

        if (summary)
        {
            book.Summary = new Summary { Text = "s" };
        }

        db.Books.Add(book);
        await db.SaveChangesAsync();
        return book.Id;
    }

    public sealed class Sqlite() : DeleteSignalsTests(new SqliteTestDatabase());

    public sealed class Postgres() : DeleteSignalsTests(new PostgresTestDatabase()), IPostgresTests;
}
