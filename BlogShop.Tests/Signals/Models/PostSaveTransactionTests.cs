using BlogShop.Signals;
using BlogShop.Signals.EntityFrameworkCore;
using BlogShop.Tests.Infrastructure;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BlogShop.Tests.Signals.Models;

/// <summary>
/// post_save inside the transaction (Django with ATOMIC_REQUESTS): without an open transaction, a SaveChanges whose
/// post-signals have receivers runs in one the library opens; what the receivers write commits with the rows, and a
/// failing receiver rolls everything back and leaves the context as it was before the save.
/// </summary>
public abstract class PostSaveTransactionTests(TestDatabase database) : ModelSignalsTest(database)
{
    [DatabaseFact]
    public async Task Post_save_runs_inside_a_transaction_the_library_opened()
    {
        var inTransaction = new List<bool>();
        Signals.PostSave.Connect((PostSave<Person> e) => inTransaction.Add(e.Context.Database.CurrentTransaction is not null));
        await using var db = NewContext();

        db.People.Add(new Person { FirstName = "Ann" });
        await db.SaveChangesAsync();

        Assert.Equal([true], inTransaction);
        Assert.Null(db.Database.CurrentTransaction);
    }

    [DatabaseFact]
    public async Task The_write_in_the_own_transaction_sets_no_savepoint_and_a_receivers_save_in_it_does()
    {
        // A savepoint would let EF undo only its own write on failure; the library rolls back the whole transaction
        // then, so it is two statements for nothing. A receiver's save in that transaction keeps EF's savepoint, so
        // the receiver may catch its failure and go on.
        var savepoints = new SavepointCounter();
        bool? receiverSavepoints = null;
        Signals.PostSave.Connect<PostSave<Book>>(async (e, ct) =>
        {
            receiverSavepoints = e.Context.Database.AutoSavepointsEnabled;
            e.Context.Add(new Summary { BookId = e.Instance.Id, Text = "summary" });
            await e.Context.SaveChangesAsync(ct);
        });
        await using var db = NewContext(withSignals: true, savepoints);

        db.Books.Add(new Book { Name = "Rayuela" });
        await db.SaveChangesAsync();

        Assert.Equal(1, savepoints.Created);
        Assert.True(receiverSavepoints);
        Assert.True(db.Database.AutoSavepointsEnabled);
        await using var check = NewContext(withSignals: false);
        Assert.Equal(1, await check.Summaries.CountAsync());
    }

    [DatabaseFact]
    public async Task What_a_post_save_receiver_saves_commits_with_the_instance()
    {
        Signals.PostSave.Connect<PostSave<Book>>(async (e, ct) =>
        {
            var book = e.Instance;
            if (e.Created)
            {
                e.Context.Add(new Summary { BookId = book.Id, Text = "summary of " + book.Name });
                await e.Context.SaveChangesAsync(ct);
            }
        });
        await using var db = NewContext();

        db.Books.Add(new Book { Name = "Rayuela" });
        await db.SaveChangesAsync();

        await using var check = NewContext(withSignals: false);
        Assert.Equal("summary of Rayuela", (await check.Summaries.SingleAsync()).Text);
    }

    [DatabaseFact]
    public async Task What_a_post_save_receiver_only_adds_is_saved_with_the_instance()
    {
        Signals.PostSave.Connect((PostSave<Book> e) =>
        {
            var book = e.Instance;
            if (e.Created)
            {
                e.Context.Add(new Summary { BookId = book.Id, Text = "added" });
            }
        });
        await using var db = NewContext();

        db.Books.Add(new Book { Name = "Rayuela" });
        await db.SaveChangesAsync();

        Assert.False(db.ChangeTracker.HasChanges());
        await using var check = NewContext(withSignals: false);
        Assert.Equal("added", (await check.Summaries.SingleAsync()).Text);
    }

    [DatabaseFact]
    public async Task What_a_post_save_receiver_marks_modified_is_saved_with_the_instance()
    {
        await SeedPersonAsync("Ann");

        await using var db = NewContext();
        var person = await db.People.SingleAsync();
        Signals.PostSave.Connect((PostSave<Book> e) =>
        {
            person.LastName = "reader of " + e.Instance.Name;
            e.Context.Update(person);
        });

        db.Books.Add(new Book { Name = "Rayuela" });
        await db.SaveChangesAsync();

        Assert.False(db.ChangeTracker.HasChanges());
        await using var check = NewContext(withSignals: false);
        Assert.Equal("reader of Rayuela", (await check.People.SingleAsync()).LastName);
    }

    [DatabaseFact]
    public async Task A_post_save_receivers_property_edit_alone_waits_for_the_next_SaveChanges_as_in_Django()
    {
        Signals.PostSave.Connect((PostSave<Book> e) =>
        {
            if (e.Created)
            {
                e.Instance.Name += " (first edition)";
            }
        });
        await using var db = NewContext();

        db.Books.Add(new Book { Name = "Rayuela" });
        await db.SaveChangesAsync();

        await using (var check = NewContext(withSignals: false))
        {
            Assert.Equal("Rayuela", (await check.Books.SingleAsync()).Name);
        }

        Assert.True(db.ChangeTracker.HasChanges());
        await db.SaveChangesAsync();
        await using (var check = NewContext(withSignals: false))
        {
            Assert.Equal("Rayuela (first edition)", (await check.Books.SingleAsync()).Name);
        }
    }

    [DatabaseFact]
    public async Task A_failing_post_save_receiver_rolls_back_the_insert_and_what_receivers_wrote()
    {
        var fail = true;
        Signals.PostSave.Connect<PostSave<Book>>(async (e, ct) =>
        {
            var book = e.Instance;
            e.Context.Add(new Summary { BookId = book.Id, Text = "written first" });
            await e.Context.SaveChangesAsync(ct);
        }, dispatchUid: "summary");
        FailPostSaveWhile<Book>(() => fail, dispatchUid: "failing");
        await using var db = NewContext();

        var book = new Book { Name = "Rayuela" };
        book.Pages.Add(new Page { Text = "one" });
        db.Books.Add(book);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        Assert.Equal("receiver failed", error.Message);
        await using (var check = NewContext(withSignals: false))
        {
            Assert.Empty(await check.Books.ToListAsync());
            Assert.Empty(await check.Pages.ToListAsync());
            Assert.Empty(await check.Summaries.ToListAsync());
        }

        // The context is as before the save: the same SaveChanges succeeds once the receiver does.
        Assert.Equal(EntityState.Added, db.Entry(book).State);
        Assert.Null(db.Database.CurrentTransaction);
        fail = false;
        await db.SaveChangesAsync();

        await using var after = NewContext(withSignals: false);
        var stored = await after.Books.Include(b => b.Pages).SingleAsync();
        Assert.Equal(book.Id, stored.Id);
        Assert.Equal(["one"], stored.Pages.Select(p => p.Text));
        Assert.Equal([book.Id], await after.Summaries.Select(s => s.BookId).ToListAsync());
    }

    [DatabaseFact]
    public async Task A_failing_post_save_receiver_rolls_back_an_update_and_keeps_it_pending()
    {
        await SeedPersonAsync("Ann", "Old");

        var fail = true;
        FailPostSaveWhile<Person>(() => fail);
        await using var db = NewContext();
        var person = await db.People.SingleAsync();

        person.LastName = "New";
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        await using (var check = NewContext(withSignals: false))
        {
            Assert.Equal("Old", (await check.People.SingleAsync()).LastName);
        }

        var entry = db.Entry(person);
        Assert.Equal(EntityState.Modified, entry.State);
        Assert.Equal("Old", entry.Property(p => p.LastName).OriginalValue);
        fail = false;
        await db.SaveChangesAsync();

        await using var after = NewContext(withSignals: false);
        Assert.Equal("New", (await after.People.SingleAsync()).LastName);
    }

    [DatabaseFact]
    public async Task A_rolled_back_update_keeps_what_its_pre_save_receiver_changed_for_the_retry()
    {
        await SeedPersonAsync("Ann", "Old");

        var fail = true;
        Signals.PreSave.Connect((PreSave<Person> e) => e.Instance.FirstName = "Anne");
        FailPostSaveWhile<Person>(() => fail);
        await using var db = NewContext();
        var person = await db.People.SingleAsync();

        person.LastName = "New";
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        var entry = db.Entry(person);
        Assert.Equal(EntityState.Modified, entry.State);
        Assert.Equal("Ann", entry.Property(p => p.FirstName).OriginalValue);
        Assert.Equal("Old", entry.Property(p => p.LastName).OriginalValue);
        fail = false;
        await db.SaveChangesAsync();

        await using var after = NewContext(withSignals: false);
        var saved = await after.People.SingleAsync();
        Assert.Equal(("Anne", "New"), (saved.FirstName, saved.LastName));
    }

    [DatabaseFact]
    public async Task A_rolled_back_update_of_an_entity_attached_with_update_keeps_its_values_not_the_stored_ones()
    {
        var id = await SeedPersonAsync("Ann", "Old");

        var fail = true;
        Signals.PostSave.Connect((PostSave<Person> e) =>
        {
            Assert.Equal("Old", e.GetPrevious<string>("LastName"));
            if (fail)
            {
                throw new InvalidOperationException("receiver failed");
            }
        });
        await using var db = NewContext();
        var person = new Person { Id = id, FirstName = "Ann", LastName = "New" };

        db.People.Update(person);
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        // The tracker is as Update() left it (its originals are the attached values), not as the database held it.
        var entry = db.Entry(person);
        Assert.Equal(EntityState.Modified, entry.State);
        Assert.Equal("New", entry.Property(p => p.LastName).OriginalValue);
        Assert.True(entry.Property(p => p.FirstName).IsModified);
        fail = false;
        await db.SaveChangesAsync();

        await using var after = NewContext(withSignals: false);
        Assert.Equal("New", (await after.People.SingleAsync()).LastName);
    }

    [DatabaseFact]
    public async Task A_rollback_restores_every_entity_of_the_save_also_those_without_receivers()
    {
        await SeedPersonAsync("Ann", "Old");
        await SeedPersonAsync("Bob");

        var fail = true;
        FailPostSaveWhile<Person>(() => fail);
        await using var db = NewContext();
        var ann = await db.People.SingleAsync(p => p.FirstName == "Ann");
        var bob = await db.People.SingleAsync(p => p.FirstName == "Bob");
        var book = new Book { Name = "Rayuela" };

        ann.LastName = "New";
        db.People.Remove(bob);
        db.Books.Add(book);
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        Assert.Equal(EntityState.Modified, db.Entry(ann).State);
        Assert.Equal("Old", db.Entry(ann).Property(p => p.LastName).OriginalValue);
        Assert.Equal(EntityState.Deleted, db.Entry(bob).State);
        Assert.Equal(EntityState.Added, db.Entry(book).State);
        fail = false;
        await db.SaveChangesAsync();

        await using var after = NewContext(withSignals: false);
        Assert.Equal(["Ann New"], await after.People.Select(p => p.FirstName + " " + p.LastName).ToListAsync());
        Assert.Equal(["Rayuela"], await after.Books.Select(b => b.Name).ToListAsync());
    }

    [DatabaseFact]
    public async Task A_failing_post_delete_receiver_rolls_back_the_delete_and_keeps_it_pending()
    {
        await SeedPersonAsync("Ann");

        var fail = true;
        Signals.PostDelete.Connect((PostDelete<Person> _) =>
        {
            if (fail)
            {
                throw new InvalidOperationException("receiver failed");
            }
        });
        await using var db = NewContext();
        var person = await db.People.SingleAsync();

        db.People.Remove(person);
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        await using (var check = NewContext(withSignals: false))
        {
            Assert.Equal(1, await check.People.CountAsync());
        }

        Assert.Equal(EntityState.Deleted, db.Entry(person).State);
        fail = false;
        await db.SaveChangesAsync();

        await using var after = NewContext(withSignals: false);
        Assert.Equal(0, await after.People.CountAsync());
    }

    [DatabaseFact]
    public void The_synchronous_SaveChanges_rolls_back_too()
    {
        Signals.PostSave.Connect((PostSave<Person> _) => throw new InvalidOperationException("receiver failed"));
        using var db = NewContext();

        db.People.Add(new Person { FirstName = "Ann" });
        Assert.Throws<InvalidOperationException>(() => db.SaveChanges());

        using var check = NewContext(withSignals: false);
        Assert.Equal(0, check.People.Count());
    }

    [DatabaseFact]
    public async Task After_commit_work_runs_after_the_commit_and_never_after_a_rollback()
    {
        var fail = false;
        Signals.PostSave.Connect((PostSave<Person> e) =>
        {
            var person = e.Instance;
            e.Context.OnCommit(_ =>
            {
                Log.Add($"on_commit {person.FirstName}");
                return Task.CompletedTask;
            });
            if (fail)
            {
                throw new InvalidOperationException("receiver failed");
            }

            Log.Add($"post_save {person.FirstName}");
        });
        await using var db = NewContext();

        db.People.Add(new Person { FirstName = "Ann" });
        await db.SaveChangesAsync();
        fail = true;
        var bob = new Person { FirstName = "Bob" };
        db.People.Add(bob);
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        Assert.Equal(["post_save Ann", "on_commit Ann"], Log);
    }

    [DatabaseFact]
    public async Task Inside_an_explicit_transaction_post_save_uses_it_and_its_rollback_undoes_the_receivers_rows()
    {
        Signals.PostSave.Connect<PostSave<Book>>(async (e, ct) =>
        {
            var book = e.Instance;
            e.Context.Add(new Summary { BookId = book.Id });
            await e.Context.SaveChangesAsync(ct);
        });
        await using var db = NewContext();
        await using var transaction = await db.Database.BeginTransactionAsync();

        db.Books.Add(new Book { Name = "Rayuela" });
        await db.SaveChangesAsync();
        Assert.Same(transaction, db.Database.CurrentTransaction);
        await transaction.RollbackAsync();

        await using var check = NewContext(withSignals: false);
        Assert.Empty(await check.Books.ToListAsync());
        Assert.Empty(await check.Summaries.ToListAsync());
    }

    [DatabaseFact]
    public async Task Without_post_signal_receivers_no_transaction_is_opened()
    {
        var inTransaction = new List<bool>();
        Signals.PreSave.Connect((PreSave<Person> e) => inTransaction.Add(e.Context.Database.CurrentTransaction is not null));
        await using var db = NewContext();

        db.People.Add(new Person { FirstName = "Ann" });
        await db.SaveChangesAsync();

        Assert.Equal([false], inTransaction);
    }

    /// <summary>Connects a post_save receiver of <typeparamref name="TEntity"/> that throws while <paramref name="failing"/> is true.</summary>
    private void FailPostSaveWhile<TEntity>(Func<bool> failing, string? dispatchUid = null)
        where TEntity : class =>
        Signals.PostSave.Connect((PostSave<TEntity> _) =>
        {
            if (failing())
            {
                throw new InvalidOperationException("receiver failed");
            }
        }, dispatchUid: dispatchUid);

    public sealed class Sqlite() : PostSaveTransactionTests(new SqliteTestDatabase());

    public sealed class Postgres() : PostSaveTransactionTests(new PostgresTestDatabase()), IPostgresTests;

    /// <summary>Counts the savepoints EF creates.</summary>
    private sealed class SavepointCounter : DbTransactionInterceptor
    {
        public int Created { get; private set; }

        public override InterceptionResult CreatingSavepoint(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
        {
            Created++;
            return result;
        }

        public override ValueTask<InterceptionResult> CreatingSavepointAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            Created++;
            return new(result);
        }
    }
}
