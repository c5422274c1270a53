using BlogShop.Signals;
using BlogShop.Signals.EntityFrameworkCore;
using BlogShop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Tests.Signals.Models;

/// <summary>Django's tests/signals save tests: pre_save and post_save with created, raw, update fields, previous values.</summary>
public abstract class SaveSignalsTests(TestDatabase database) : ModelSignalsTest(database)
{
    [DatabaseFact]
    public async Task Saving_a_new_entity_sends_pre_save_then_post_save_with_created_true()
    {
        Signals.PreSave.Connect((s, e) => Log.Add($"pre_save {((Type)s!).Name} {e.GetType().Name} created={e.Created} id={((PreSave<Person>)e).Instance.Id}"));
        Signals.PostSave.Connect((s, e) => Log.Add($"post_save {((Type)s!).Name} {e.GetType().Name} created={e.Created} id={((PostSave<Person>)e).Instance.Id > 0}"));
        await using var db = NewContext();

        db.People.Add(new Person { FirstName = "John", LastName = "Smith" });
        await db.SaveChangesAsync();

        // The sender is the entity type, and the arguments are that type's per-entity form.
        Assert.Equal(["pre_save Person PreSave`1 created=True id=0", "post_save Person PostSave`1 created=True id=True"], Log);
    }

    [DatabaseFact]
    public async Task Saving_a_loaded_entity_sends_created_false_the_update_fields_and_the_previous_values()
    {
        await SeedPersonAsync("John", "Smith");
        SaveArgs? pre = null;
        SaveArgs? post = null;
        Signals.PreSave.Connect((_, e) => pre = e, sender: typeof(Person));
        Signals.PostSave.Connect((_, e) => post = e, sender: typeof(Person));
        await using var db = NewContext();

        var person = await db.People.SingleAsync();
        person.FirstName = "Tom";
        await db.SaveChangesAsync();

        Assert.NotNull(pre);
        Assert.False(pre.Created);
        Assert.Equal(["FirstName"], pre.UpdateFields!);
        Assert.Equal("John", pre.GetPrevious<string>("FirstName"));
        Assert.True(pre.HasChanged("FirstName"));
        Assert.False(pre.HasChanged("LastName"));
        Assert.Same(db, pre.Context);
        Assert.False(pre.Raw);
        Assert.NotNull(post);
        Assert.False(post.Created);
    }

    [DatabaseFact]
    public async Task Post_save_gets_the_previous_values_pre_save_read_though_the_write_replaced_the_originals()
    {
        var id = await SeedPersonAsync("John", "Smith");
        SaveArgs? post = null;
        Signals.PreSave.Connect((PreSave<Person> e) => e.Instance.LastName = "Brown");
        Signals.PostSave.Connect((PostSave<Person> e) => post = e);
        await using var db = NewContext();

        var person = await db.People.SingleAsync();
        person.FirstName = "Tom";
        await db.SaveChangesAsync();

        Assert.NotNull(post);
        Assert.Equal("Brown", db.Entry(person).Property(p => p.LastName).OriginalValue);
        Assert.Equal("Smith", post.GetPrevious<string>("LastName"));
        Assert.Equal("John", post.GetPrevious<string>("FirstName"));
        Assert.Equal(id, post.GetPrevious<int>("Id"));
        Assert.Equal(["FirstName", "Id", "LastName"], post.Previous!.Keys.Order());
        Assert.True(post.HasChanged("FirstName"));
    }

    [DatabaseFact]
    public async Task An_entity_attached_with_update_gets_its_previous_values_from_the_database()
    {
        var id = await SeedPersonAsync("John", "Smith");
        SaveArgs? pre = null;
        Signals.PreSave.Connect((_, e) => pre = e, sender: typeof(Person));
        await using var db = NewContext();

        db.People.Update(new Person { Id = id, FirstName = "John", LastName = "Brown" });
        await db.SaveChangesAsync();

        Assert.NotNull(pre);
        Assert.Equal("Smith", pre.GetPrevious<string>("LastName"));
        Assert.True(pre.HasChanged("LastName"));
        Assert.False(pre.HasChanged("FirstName"));
    }

    [DatabaseFact]
    public async Task A_change_made_by_a_pre_save_receiver_is_saved_in_the_same_save()
    {
        Signals.PreSave.Connect((PreSave<Article> e) => e.Instance.Slug = e.Instance.Title.ToLowerInvariant().Replace(' ', '-'));
        await using (var db = NewContext())
        {
            db.Articles.Add(new Article { Title = "Hello World" });
            await db.SaveChangesAsync();
        }

        await using var check = NewContext(withSignals: false);
        Assert.Equal("hello-world", (await check.Articles.SingleAsync()).Slug);
    }

    [DatabaseFact]
    public async Task A_change_made_by_a_pre_save_receiver_to_a_loaded_entity_is_saved()
    {
        await using (var seed = NewContext(withSignals: false))
        {
            seed.Articles.Add(new Article { Title = "Old" });
            await seed.SaveChangesAsync();
        }

        Signals.PreSave.Connect((PreSave<Article> e) => e.Instance.Version++);
        await using (var db = NewContext())
        {
            var article = await db.Articles.SingleAsync();
            article.Title = "New";
            await db.SaveChangesAsync();
        }

        await using var check = NewContext(withSignals: false);
        Assert.Equal(1, (await check.Articles.SingleAsync()).Version);
    }

    [DatabaseFact]
    public async Task An_entity_added_by_a_pre_save_receiver_gets_its_own_save_signals()
    {
        Signals.PreSave.Connect((PreSave<Book> e) => e.Context.Add(new Person { FirstName = e.Instance.Name }));
        Signals.PostSave.Connect((s, e) => Log.Add($"post_save {((Type)s!).Name}"));
        Signals.PreSave.Connect((s, e) => Log.Add($"pre_save {((Type)s!).Name}"));
        await using var db = NewContext();

        db.Books.Add(new Book { Name = "Dune" });
        await db.SaveChangesAsync();

        Assert.Equal(["pre_save Book", "pre_save Person", "post_save Book", "post_save Person"], Log);
        Assert.Equal("Dune", (await db.People.SingleAsync()).FirstName);
    }

    [DatabaseFact]
    public async Task An_entity_a_pre_save_receiver_changes_without_telling_ef_gets_its_own_save_signals()
    {
        await SeedPersonAsync("Frank");

        await using var db = NewContext();
        var author = await db.People.SingleAsync();
        Signals.PreSave.Connect((PreSave<Book> e) => author.LastName = "Herbert");
        Signals.PreSave.Connect((s, e) => Log.Add($"pre_save {((Type)s!).Name} created={e.Created}"));
        Signals.PostSave.Connect((s, e) => Log.Add($"post_save {((Type)s!).Name} created={e.Created}"));

        db.Books.Add(new Book { Name = "Dune" });
        await db.SaveChangesAsync();

        Assert.Equal(["pre_save Book created=True", "pre_save Person created=False", "post_save Book created=True", "post_save Person created=False"], Log);
        await using var check = NewContext(withSignals: false);
        Assert.Equal("Herbert", (await check.People.SingleAsync()).LastName);
    }

    [DatabaseFact]
    public async Task An_entity_a_pre_save_receiver_attaches_through_a_navigation_gets_its_own_save_signals()
    {
        Signals.PreSave.Connect((PreSave<Book> e) =>
        {
            if (e.Created)
            {
                e.Instance.Pages.Add(new Page { Text = "first page" });
            }
        });
        Signals.PostSave.Connect((s, e) => Log.Add($"post_save {((Type)s!).Name}"));
        await using var db = NewContext();

        db.Books.Add(new Book { Name = "Dune" });
        await db.SaveChangesAsync();

        Assert.Equal(["post_save Book", "post_save Page"], Log);
        await using var check = NewContext(withSignals: false);
        Assert.Equal("first page", (await check.Pages.SingleAsync()).Text);
    }

    [DatabaseFact]
    public async Task An_entity_a_pre_save_receiver_edits_and_detaches_is_not_saved()
    {
        await SeedPersonAsync("Frank");

        await using var db = NewContext();
        var author = await db.People.SingleAsync();
        Signals.PreSave.Connect((PreSave<Book> e) =>
        {
            author.LastName = "Herbert";
            e.Context.Entry(author).State = EntityState.Detached;
        });

        db.Books.Add(new Book { Name = "Dune" });
        await db.SaveChangesAsync();

        await using var check = NewContext(withSignals: false);
        Assert.Equal("", (await check.People.SingleAsync()).LastName);
        Assert.Equal("Dune", (await check.Books.SingleAsync()).Name);
    }

    [DatabaseFact]
    public async Task An_explicit_key_on_a_new_entity_is_still_created()
    {
        Signals.PostSave.Connect((PostSave<Person> e) => Log.Add($"created={e.Created} id={e.Instance.Id}"));
        await using var db = NewContext();

        db.People.Add(new Person { Id = 42, FirstName = "Explicit" });
        await db.SaveChangesAsync();

        Assert.Equal(["created=True id=42"], Log);
    }

    [DatabaseFact]
    public async Task The_synchronous_SaveChanges_sends_the_same_signals()
    {
        Signals.PreSave.Connect((s, e) => Log.Add("pre_save"));
        Signals.PostSave.Connect((s, e, ct) =>
        {
            Log.Add("post_save async");
            return Task.CompletedTask;
        });
        using var db = NewContext();

        db.People.Add(new Person { FirstName = "Sync" });
        db.SaveChanges();

        Assert.Equal(["pre_save", "post_save async"], Log);
    }

    [DatabaseFact]
    public async Task A_failing_save_sends_pre_save_but_no_post_save()
    {
        var id = await SeedPersonAsync("John", "Smith");
        Signals.PreSave.Connect((s, e) => Log.Add("pre_save"));
        Signals.PostSave.Connect((s, e) => Log.Add("post_save"));
        await using var db = NewContext();

        db.People.Add(new Person { Id = id, FirstName = "Duplicate" });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Equal(["pre_save"], Log);
    }

    [DatabaseFact]
    public async Task A_receiver_for_another_sender_is_not_called()
    {
        Signals.PostSave.Connect((s, e) => Log.Add("book"), sender: typeof(Book));
        await using var db = NewContext();

        db.People.Add(new Person { FirstName = "Nobody" });
        await db.SaveChangesAsync();

        Assert.Empty(Log);
    }

    [DatabaseFact]
    public async Task The_typed_connect_gives_the_instance_typed()
    {
        Signals.PostSave.Connect((PostSave<Person> e) => Log.Add($"{e.Instance.FirstName} {e.Created}"));
        await using var db = NewContext();

        db.People.Add(new Person { FirstName = "Typed" });
        await db.SaveChangesAsync();

        Assert.Equal(["Typed True"], Log);
    }

    [DatabaseFact]
    public async Task A_receiver_disconnecting_itself_during_dispatch_is_not_called_again()
    {
        void Once(object? sender, SaveArgs e)
        {
            Log.Add("once");
            Assert.True(Signals.PostSave.Disconnect(Once, sender: typeof(Person)));
        }

        Signals.PostSave.Connect(Once, sender: typeof(Person));
        await using var db = NewContext();

        db.People.Add(new Person { FirstName = "A" });
        db.People.Add(new Person { FirstName = "B" });
        await db.SaveChangesAsync();

        Assert.Equal(["once"], Log);
    }

    public sealed class Sqlite() : SaveSignalsTests(new SqliteTestDatabase());

    public sealed class Postgres() : SaveSignalsTests(new PostgresTestDatabase()), IPostgresTests;
}
