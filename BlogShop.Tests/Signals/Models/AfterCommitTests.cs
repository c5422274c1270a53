using BlogShop.Signals;
using BlogShop.Signals.EntityFrameworkCore;
using BlogShop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlogShop.Tests.Signals.Models;

/// <summary>After-commit receivers (Django's transaction.on_commit): once on commit, never on rollback or failure.</summary>
public abstract class AfterCommitTests(TestDatabase database) : ModelSignalsTest(database)
{
    [DatabaseFact]
    public async Task Without_a_transaction_an_on_commit_receiver_runs_once_after_SaveChanges()
    {
        Signals.PostSave.Connect((s, e) => Log.Add("post_save"));
        await using var db = NewContext();

        db.People.Add(new Person { FirstName = "Ann" });
        await db.SaveChangesAsync();

        Assert.Equal(["post_save", "on_commit Ann"], Log);
    }

    [DatabaseFact]
    public async Task In_an_explicit_transaction_it_runs_only_after_commit()
    {
        await using var db = NewContext();
        await using var transaction = await db.Database.BeginTransactionAsync();

        db.People.Add(new Person { FirstName = "Ann" });
        await db.SaveChangesAsync();
        db.People.Add(new Person { FirstName = "Bob" });
        await db.SaveChangesAsync();
        Assert.Empty(Log);

        await transaction.CommitAsync();
        Assert.Equal(["on_commit Ann", "on_commit Bob"], Log);
    }

    [DatabaseFact]
    public void The_synchronous_Commit_runs_it_too()
    {
        using var db = NewContext();
        using var transaction = db.Database.BeginTransaction();

        db.People.Add(new Person { FirstName = "Ann" });
        db.SaveChanges();
        Assert.Empty(Log);
        transaction.Commit();

        Assert.Equal(["on_commit Ann"], Log);
    }

    [DatabaseFact]
    public async Task A_concurrency_failure_drops_the_work_and_the_next_save_runs_its_own()
    {
        await using (var seed = NewContext(withSignals: false))
        {
            seed.People.Add(new Person { Id = 5, FirstName = "Gone" });
            await seed.SaveChangesAsync();
        }

        await using var db = NewContext();
        var person = await db.People.SingleAsync();
        await using (var other = NewContext(withSignals: false))
        {
            await other.People.ExecuteDeleteAsync();
        }

        person.LastName = "changed";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
        Assert.Empty(Log);

        db.ChangeTracker.Clear();
        db.People.Add(new Person { FirstName = "Next" });
        await db.SaveChangesAsync();

        Assert.Equal(["on_commit Next"], Log);
    }

    [DatabaseFact]
    public async Task On_rollback_it_never_runs()
    {
        await using (var db = NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.People.Add(new Person { FirstName = "Ann" });
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
            db.ChangeTracker.Clear();

            db.People.Add(new Person { FirstName = "Bob" });
            await db.SaveChangesAsync();
        }

        Assert.Equal(["on_commit Bob"], Log);
    }

    [DatabaseFact]
    public async Task A_transaction_disposed_without_commit_drops_its_work()
    {
        await using var db = NewContext();
        await using (await db.Database.BeginTransactionAsync())
        {
            db.People.Add(new Person { FirstName = "Ann" });
            await db.SaveChangesAsync();
        }

        db.ChangeTracker.Clear();
        db.People.Add(new Person { FirstName = "Bob" });
        await db.SaveChangesAsync();

        Assert.Equal(["on_commit Bob"], Log);
    }

    [DatabaseFact]
    public async Task A_failed_SaveChanges_drops_the_work_its_receivers_queued()
    {
        await using (var seed = NewContext(withSignals: false))
        {
            seed.People.Add(new Person { Id = 7, FirstName = "Existing" });
            await seed.SaveChangesAsync();
        }

        Signals.PreSave.Connect((s, e) => e.Context.OnCommit(_ =>
        {
            Log.Add("ad hoc");
            return Task.CompletedTask;
        }));
        await using var db = NewContext();

        db.People.Add(new Person { Id = 7, FirstName = "Duplicate" });
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.Empty(Log);
    }

    [DatabaseFact]
    public async Task Ad_hoc_work_outside_a_transaction_runs_at_once_and_inside_one_after_commit()
    {
        await using var db = NewContext();
        db.OnCommit(_ =>
        {
            Log.Add("now");
            return Task.CompletedTask;
        });
        Assert.Equal(["now"], Log);

        await using var transaction = await db.Database.BeginTransactionAsync();
        db.OnCommit(_ =>
        {
            Log.Add("later");
            return Task.CompletedTask;
        });
        Assert.Equal(["now"], Log);
        await transaction.CommitAsync();

        Assert.Equal(["now", "later"], Log);
    }

    [DatabaseFact]
    public async Task A_failing_after_commit_action_does_not_fail_the_save_and_the_next_still_runs()
    {
        Signals.PostSave.Connect((s, e) =>
        {
            e.Context.OnCommit(_ => throw new InvalidOperationException("mail server down"));
            e.Context.OnCommit(_ =>
            {
                Log.Add("second");
                return Task.CompletedTask;
            });
        });
        await using var db = NewContext();

        db.People.Add(new Person { FirstName = "Ann" });
        await db.SaveChangesAsync();

        Assert.Equal(["on_commit Ann", "second"], Log);
    }

    [DatabaseFact]
    public async Task OnCommit_on_a_context_without_signals_is_refused()
    {
        await using var db = NewContext(withSignals: false);

        var error = Assert.Throws<InvalidOperationException>(() => db.OnCommit(_ => Task.CompletedTask));
        Assert.Contains("UseSignals", error.Message, StringComparison.Ordinal);
    }

    protected override void ConfigureSignals(SignalsBuilder signals) => signals.AddReceiver<LogPersonAfterCommit>();

    [Receiver(OnCommit = true)]
    public sealed class LogPersonAfterCommit(List<string> log) : ISignalReceiver<PostSave<Person>>
    {
        public ValueTask HandleAsync(object? sender, PostSave<Person> args, CancellationToken cancellationToken)
        {
            log.Add($"on_commit {args.Instance.FirstName}");
            return ValueTask.CompletedTask;
        }
    }

    public sealed class Sqlite() : AfterCommitTests(new SqliteTestDatabase());

    public sealed class Postgres() : AfterCommitTests(new PostgresTestDatabase()), IPostgresTests;
}
