using BlogShop.Signals.EntityFrameworkCore;
using BlogShop.Tests.Infrastructure;

namespace BlogShop.Tests.Signals.Models;

/// <summary>The per-entity argument types (PreSave&lt;T&gt;, PostDelete&lt;T&gt;, ...) name the sender: no filter, no cast.</summary>
public abstract class PerEntityArgumentsTests(TestDatabase database) : ModelSignalsTest(database)
{
    [DatabaseFact]
    public async Task A_receiver_of_one_entity_type_gets_that_types_saves_only_and_the_instance_typed()
    {
        Signals.PreSave.Connect((PreSave<Person> e) => Log.Add($"person {e.Instance.FirstName}"));
        Signals.PreSave.Connect((PreSave<Book> e) => Log.Add($"book {e.Instance.Name}"));
        await using var db = NewContext();

        db.People.Add(new Person { FirstName = "Ann" });
        db.Books.Add(new Book { Name = "Dune" });
        await db.SaveChangesAsync();

        Assert.Equal(["book Dune", "person Ann"], Log.Order(StringComparer.Ordinal));
        Assert.True(Signals.PreSave.HasListeners(typeof(Person)));
        Assert.False(Signals.PreSave.HasListeners(typeof(Summary)));
    }

    [DatabaseFact]
    public async Task A_typed_delete_receiver_disconnects_with_its_entity_type_as_the_sender()
    {
        Action<PostDelete<Person>> receiver = e => Log.Add($"deleted {e.Instance.FirstName}");
        Signals.PostDelete.Connect(receiver);
        await using var db = NewContext();
        var person = new Person { FirstName = "Gone" };
        db.People.Add(person);
        await db.SaveChangesAsync();

        db.People.Remove(person);
        await db.SaveChangesAsync();
        var removed = Signals.PostDelete.Disconnect(receiver, sender: typeof(Person));

        Assert.Equal(["deleted Gone"], Log);
        Assert.True(removed);
        Assert.False(Signals.PostDelete.HasListeners(typeof(Person)));
    }

    public sealed class Sqlite() : PerEntityArgumentsTests(new SqliteTestDatabase());

    public sealed class Postgres() : PerEntityArgumentsTests(new PostgresTestDatabase()), IPostgresTests;
}
