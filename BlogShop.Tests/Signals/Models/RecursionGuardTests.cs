using BlogShop.Signals;
using BlogShop.Signals.EntityFrameworkCore;
using BlogShop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Tests.Signals.Models;

/// <summary>A receiver that saves what it receives: the guard stops the loop, SaveChangesWithoutSignalsAsync avoids it.</summary>
public abstract class RecursionGuardTests(TestDatabase database) : ModelSignalsTest(database)
{
    [DatabaseFact]
    public async Task A_post_save_receiver_saving_its_instance_again_is_stopped_with_the_chain_named()
    {
        var calls = 0;
        Signals.PostSave.Connect(async (PostSave<Person> e, CancellationToken ct) =>
        {
            var person = e.Instance;
            calls++;
            person.LastName += "x";
            await e.Context.SaveChangesAsync(ct);
        });
        await using var db = NewContext();

        db.People.Add(new Person { FirstName = "Loop" });
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        Assert.Contains("post_save(Person", error.Message, StringComparison.Ordinal);
        Assert.Contains("SaveChangesWithoutSignalsAsync", error.Message, StringComparison.Ordinal);
        Assert.Equal(8, calls);
    }

    [DatabaseFact]
    public async Task The_message_names_the_receiver_classes_in_the_chain()
    {
        await using var db = NewContext();

        db.Books.Add(new Book { Name = "Loop" });
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        Assert.Contains("post_save(Book", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(RenameBookAgain), error.Message, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task The_guard_leaves_the_context_usable()
    {
        Signals.PostSave.Connect((PostSave<Person> e) =>
        {
            var person = e.Instance;
            if (person.FirstName == "Loop")
            {
                person.LastName += "x";
                e.Context.SaveChanges();
            }
        });
        await using var db = NewContext();
        db.People.Add(new Person { FirstName = "Loop" });
        Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        db.ChangeTracker.Clear();

        db.People.Add(new Person { FirstName = "Fine" });
        await db.SaveChangesAsync();

        Assert.Equal(1, await db.People.CountAsync(p => p.FirstName == "Fine"));
    }

    [DatabaseFact]
    public async Task Saving_without_signals_inside_a_receiver_does_not_recurse()
    {
        var calls = 0;
        Signals.PostSave.Connect(async (PostSave<Person> e, CancellationToken ct) =>
        {
            var person = e.Instance;
            calls++;
            person.LastName = "stamped";
            await e.Context.SaveChangesWithoutSignalsAsync(ct);
        });
        await using var db = NewContext();

        db.People.Add(new Person { FirstName = "Once" });
        await db.SaveChangesAsync();

        Assert.Equal(1, calls);
        await using var check = NewContext(withSignals: false);
        Assert.Equal("stamped", (await check.People.SingleAsync()).LastName);
    }

    [DatabaseFact]
    public async Task A_receiver_acting_only_on_creation_saves_a_related_row_once()
    {
        Signals.PostSave.Connect(async (PostSave<Book> e, CancellationToken ct) =>
        {
            var book = e.Instance;
            if (e.Created)
            {
                e.Context.Add(new Summary { BookId = book.Id, Text = "auto" });
                await e.Context.SaveChangesAsync(ct);
            }
        });
        await using var db = NewContext();

        db.Books.Add(new Book { Name = "Dune" });
        await db.SaveChangesAsync();

        Assert.Equal(1, await db.Summaries.CountAsync());
    }

    protected override void ConfigureSignals(SignalsBuilder signals) => signals.AddReceiver<RenameBookAgain>();

    /// <summary>The classic mistake: a post_save receiver that saves its instance on every save.</summary>
    [Receiver]
    public sealed class RenameBookAgain : ISignalReceiver<PostSave<Book>>
    {
        public async ValueTask HandleAsync(object? sender, PostSave<Book> args, CancellationToken cancellationToken)
        {
            var book = args.Instance;
            if (book.Name.StartsWith("Loop", StringComparison.Ordinal))
            {
                book.Name += "!";
                await args.Context.SaveChangesAsync(cancellationToken);
            }
        }
    }

    public sealed class Sqlite() : RecursionGuardTests(new SqliteTestDatabase());

    public sealed class Postgres() : RecursionGuardTests(new PostgresTestDatabase()), IPostgresTests;
}
