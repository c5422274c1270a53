using System.Collections.Concurrent;
using BlogShop.Signals;
using BlogShop.Signals.EntityFrameworkCore;
using BlogShop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlogShop.Tests.Signals.Models;

/// <summary>
/// With an <see cref="ISignalObserver"/> registered, the model signals are sent even when nobody receives them, so
/// a diagnostics page sees pre_delete of a model whose only receiver is on post_delete. Without one, nothing changes.
/// </summary>
public abstract class ObservedModelSignalsTests(TestDatabase database) : ModelSignalsTest(database)
{
    private readonly RecordingObserver _observer = new();

    [DatabaseFact]
    public async Task An_observer_sees_the_save_and_delete_signals_nobody_receives_in_their_order()
    {
        await using var db = NewContext();
        var book = new Book { Name = "Dune" };

        db.Books.Add(book);
        await db.SaveChangesAsync();
        db.Books.Remove(book);
        await db.SaveChangesAsync();

        Assert.Equal(
            ["pre_save Book", "post_save Book", "pre_delete Book", "post_delete Book"],
            _observer.Sent.Where(s => s.Args is SaveArgs or DeleteArgs).Select(s => $"{s.Signal.Name} {((Type)s.Sender!).Name}"));
        Assert.All(_observer.Sent, s => Assert.Empty(s.Responses));
    }

    [DatabaseFact]
    public async Task An_observer_is_told_before_the_receivers_run_and_gets_each_receivers_time()
    {
        Signals.PreSave.Connect((_, e) => ((Book)e.Instance).Name = "Untitled", sender: typeof(Book));
        Signals.PreSave.Connect((_, _) => Thread.Sleep(20), sender: typeof(Book));
        await using var db = NewContext();

        db.Books.Add(new Book());
        await db.SaveChangesAsync();

        Assert.Equal("", _observer.NamesBefore.Single());
        var sent = _observer.Sent.Single(s => s.Signal.Name == "pre_save");
        Assert.Equal("Untitled", ((Book)((SaveArgs)sent.Args!).Instance).Name);
        Assert.Equal(2, sent.ReceiverElapsed.Count);
        Assert.True(sent.ReceiverElapsed[1] >= TimeSpan.FromMilliseconds(15), $"{sent.ReceiverElapsed[1]}");
        Assert.True(sent.Elapsed >= sent.ReceiverElapsed[1]);
    }

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<ISignalObserver>(_observer);

    public sealed class Sqlite() : ObservedModelSignalsTests(new SqliteTestDatabase());

    public sealed class Postgres() : ObservedModelSignalsTests(new PostgresTestDatabase()), IPostgresTests;

    private sealed class RecordingObserver : ISignalObserver
    {
        public ConcurrentQueue<SignalSent> Sent { get; } = new();

        public ConcurrentQueue<string> NamesBefore { get; } = new();

        public void OnSending(Signal signal, object? sender, object? args)
        {
            if (signal.Name == "pre_save" && args is SaveArgs { Instance: Book book })
            {
                NamesBefore.Enqueue(book.Name);
            }
        }

        public void OnSent(SignalSent sent) => Sent.Enqueue(sent);
    }
}
