using System.Text;
using BlogShop.Signals;
using BlogShop.Signals.EntityFrameworkCore;
using BlogShop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlogShop.Tests.Conformance.Django.Signals;

/// <summary>
/// Django's tests/signals/tests.py, <c>SignalTests</c>: the model signals, one test per Django test method, named after
/// it, on SQLite and PostgreSQL. Django's <c>Model.save()</c> is a SaveChanges here, <c>delete()</c> a Remove and
/// SaveChanges, <c>QuerySet.delete()</c> <see cref="QueryableDeleteExtensions.DeleteWithSignalsAsync{TEntity}"/>.
/// </summary>
public abstract class SignalTests(TestDatabase database) : DjangoModelTest<SignalsContext>(database)
{
    private readonly List<object> _decorated = [];

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton(_decorated);

    protected override void ConfigureSignals(SignalsBuilder signals) => signals.AddReceiver<DecoratedHandler>().AddReceiver<DecoratedHandlerWithSenderArg>();

    /// <summary>
    /// Django sends pre_init/post_init from the model's constructor; EF Core creates entities without a hook in user
    /// constructors, so here they are sent when a query materializes the row (the adaptation is documented).
    /// </summary>
    [DatabaseFact]
    public async Task test_model_pre_init_and_post_init()
    {
        await using (var seed = NewContext(withSignals: false))
        {
            seed.People.Add(new Person { FirstName = "John", LastName = "Doe" });
            await seed.SaveChangesAsync();
        }

        var data = new List<object?>();
        Signals.PreInit.Connect((sender, e) => data.Add("pre_init"));
        Signals.PostInit.Connect((sender, e) => data.Add(e.Instance));
        await using var db = NewContext();

        var p1 = await db.People.SingleAsync();

        Assert.Equal(["pre_init", p1], data);
    }

    [DatabaseFact]
    public async Task test_save_signals()
    {
        var data = new List<(object Instance, object? Sender, bool? Created, bool Raw)>();
        Signals.PreSave.Connect((sender, e) => data.Add((e.Instance, sender, null, e.Raw)));
        Signals.PostSave.Connect((sender, e) => data.Add((e.Instance, sender, e.Created, e.Raw)));
        await using var db = NewContext();

        var p1 = new Person { FirstName = "John", LastName = "Smith" };
        db.Add(p1);
        await db.SaveChangesAsync();
        Assert.Equal([(p1, typeof(Person), null, false), (p1, typeof(Person), true, false)], data);
        data.Clear();

        p1.FirstName = "Tom";
        await db.SaveChangesAsync();
        Assert.Equal([(p1, typeof(Person), null, false), (p1, typeof(Person), false, false)], data);
        data.Clear();

        // Django's save_base(raw=True): the raw save of a fixture.
        var fixture = $$$"""[{"model": "Person", "pk": {{{p1.Id}}}, "fields": {"firstName": "Tom", "lastName": "Smith"}}]""";
        await db.LoadFixtureAsync(new MemoryStream(Encoding.UTF8.GetBytes(fixture)));
        Assert.Equal([(p1, typeof(Person), null, true), (p1, typeof(Person), false, true)], data);
        data.Clear();

        var p2 = new Person { Id = 99999, FirstName = "James", LastName = "Jones" };
        db.Add(p2);
        await db.SaveChangesAsync();
        Assert.Equal([(p2, typeof(Person), null, false), (p2, typeof(Person), true, false)], data);
        data.Clear();

        // Django's p2.id = 99998; p2.save() inserts a second row: EF cannot change a tracked key, so the object is
        // detached and added again under the new key.
        db.Entry(p2).State = EntityState.Detached;
        p2.Id = 99998;
        db.Add(p2);
        await db.SaveChangesAsync();
        Assert.Equal([(p2, typeof(Person), null, false), (p2, typeof(Person), true, false)], data);
    }

    [DatabaseFact]
    public async Task test_delete_signals()
    {
        var data = new List<(object Instance, object? Sender, bool IdIsNone, object Origin)>();
        Signals.PreDelete.Connect((sender, e) => data.Add((e.Instance, sender, ((Person)e.Instance).Id == 0, e.Origin)));
        var postDeleteHandler = new PostDeleteHandler(data);
        Signals.PostDelete.Connect(postDeleteHandler.Call);
        await using var db = NewContext();

        var p1 = new Person { FirstName = "John", LastName = "Smith" };
        db.Add(p1);
        await db.SaveChangesAsync();
        db.Remove(p1);
        await db.SaveChangesAsync();
        Assert.Equal([(p1, typeof(Person), false, p1), (p1, typeof(Person), false, p1)], data);
        data.Clear();

        var p2 = new Person { Id = 99999, FirstName = "James", LastName = "Jones" };
        db.Add(p2);
        await db.SaveChangesAsync();
        db.Entry(p2).State = EntityState.Detached;
        p2.Id = 99998;
        db.Add(p2);
        await db.SaveChangesAsync();
        db.Remove(p2);
        await db.SaveChangesAsync();
        Assert.Equal([(p2, typeof(Person), false, p2), (p2, typeof(Person), false, p2)], data);

        await using var check = NewContext(withSignals: false);
        Assert.Equal(["James Jones"], (await check.People.ToListAsync()).Select(p => p.ToString()));
    }

    [DatabaseFact]
    public async Task test_delete_signals_origin_model()
    {
        var data = new List<(object? Sender, object Origin)>();
        await using var db = NewContext();
        var person = new Person { FirstName = "John", LastName = "Smith" };
        var book = new Book { Name = "Rayuela" };
        book.Pages.Add(new Page { Text = "Page 1" });
        book.Pages.Add(new Page { Text = "Page 2" });
        db.AddRange(person, book);
        await db.SaveChangesAsync();
        Signals.PreDelete.Connect((sender, e) => data.Add((sender, e.Origin)));
        Signals.PostDelete.Connect((sender, e) => data.Add((sender, e.Origin)));

        db.Remove(person);
        await db.SaveChangesAsync();
        Assert.Equal([(typeof(Person), person), (typeof(Person), person)], data);
        data.Clear();

        db.Remove(book);
        await db.SaveChangesAsync();
        Assert.Equal(
            [(typeof(Page), book), (typeof(Page), book), (typeof(Book), book), (typeof(Page), book), (typeof(Page), book), (typeof(Book), book)],
            data);
    }

    [DatabaseFact]
    public async Task test_delete_signals_origin_queryset()
    {
        var data = new List<(object? Sender, object Origin)>();
        await using (var seed = NewContext(withSignals: false))
        {
            var seeded = new Book { Name = "Rayuela" };
            seeded.Pages.Add(new Page { Text = "Page 1" });
            seeded.Pages.Add(new Page { Text = "Page 2" });
            seed.AddRange(new Person { FirstName = "John", LastName = "Smith" }, seeded);
            await seed.SaveChangesAsync();
        }

        Signals.PreDelete.Connect((sender, e) => data.Add((sender, e.Origin)));
        Signals.PostDelete.Connect((sender, e) => data.Add((sender, e.Origin)));
        await using var db = NewContext();

        var people = db.People.Where(p => p.LastName == "Smith");
        await people.DeleteWithSignalsAsync(db);
        Assert.Equal([(typeof(Person), people), (typeof(Person), people)], data);
        data.Clear();

        var books = db.Books.AsQueryable();
        await books.DeleteWithSignalsAsync(db);
        Assert.Equal([typeof(Page), typeof(Page), typeof(Book), typeof(Page), typeof(Page), typeof(Book)], data.Select(d => d.Sender));
        Assert.All(data, d => Assert.Same(books, d.Origin));
    }

    [DatabaseFact]
    public async Task test_decorators()
    {
        await using var db = NewContext();

        var c1 = new Car { Make = "Volkswagen", Model = "Passat" };
        db.Add(c1);
        await db.SaveChangesAsync();

        Assert.Equal([c1, c1], _decorated);
    }

    [DatabaseFact]
    public async Task test_save_and_delete_signals_with_m2m()
    {
        var data = new List<string>();
        Signals.PreSave.Connect((sender, e) => data.Add($"pre_save signal, {e.Instance}"));
        Signals.PostSave.Connect((sender, e) => data.Add($"post_save signal, {e.Instance}{(e.Created ? " Is created" : " Is updated")}"));
        Signals.PreDelete.Connect((sender, e) => data.Add($"pre_delete signal, {e.Instance}"));
        Signals.PostDelete.Connect((sender, e) => data.Add($"post_delete signal, {e.Instance}"));
        await using var db = NewContext();

        var a1 = new Author { Name = "Neal Stephenson" };
        db.Add(a1);
        await db.SaveChangesAsync();
        Assert.Equal(["pre_save signal, Neal Stephenson", "post_save signal, Neal Stephenson Is created"], data);
        data.Clear();

        var b1 = new Book { Name = "Snow Crash" };
        db.Add(b1);
        await db.SaveChangesAsync();
        Assert.Equal(["pre_save signal, Snow Crash", "post_save signal, Snow Crash Is created"], data);
        data.Clear();

        // Assigning and removing to/from m2m shouldn't generate an m2m signal.
        await db.ManyToMany(b1, b => b.Authors).SetAsync([a1]);
        Assert.Empty(data);
        await db.ManyToMany(b1, b => b.Authors).SetAsync([]);
        Assert.Empty(data);
    }

    [DatabaseFact]
    public async Task test_disconnect_in_dispatch()
    {
        var a = new Handler(Signals.PostSave);
        var b = new Handler(Signals.PostSave);
        Signals.PostSave.Connect(a.Call, sender: typeof(Person));
        Signals.PostSave.Connect(b.Call, sender: typeof(Person));
        await using var db = NewContext();

        db.Add(new Person { FirstName = "John", LastName = "Smith" });
        await db.SaveChangesAsync();

        Assert.True(a.Run);
        Assert.True(b.Run);
        Assert.False(Signals.PostSave.HasListeners(typeof(Person)));
    }

    [DatabaseFact]
    public async Task test_disconnect_model()
    {
        var received = new List<PostInit>();
        Action<object?, PostInit> receiver = (sender, e) => received.Add(e);
        Signals.PostInit.Connect(receiver, sender: typeof(Car));

        Assert.True(Signals.PostInit.Disconnect(receiver, sender: typeof(Car)));
        Assert.False(Signals.PostInit.Disconnect(receiver, sender: typeof(Car)));
        await using (var seed = NewContext(withSignals: false))
        {
            seed.Add(new Car());
            await seed.SaveChangesAsync();
        }

        await using var db = NewContext();
        await db.Cars.ToListAsync();
        Assert.Empty(received);
    }

    /// <summary>Django's <c>PostDeleteHandler</c>: any callable is a receiver (#8285).</summary>
    private sealed class PostDeleteHandler(List<(object Instance, object? Sender, bool IdIsNone, object Origin)> data)
    {
        public void Call(object? sender, DeleteArgs e) => data.Add((e.Instance, sender, ((Person)e.Instance).Id == 0, e.Origin));
    }

    /// <summary>Django's <c>Handler</c> that disconnects itself while the signal is dispatched.</summary>
    private sealed class Handler(Signal<PostSave> signal)
    {
        public bool Run { get; private set; }

        public void Call(object? sender, PostSave e)
        {
            Run = true;
            signal.Disconnect(Call, sender: sender);
        }
    }

    /// <summary>Django's <c>@receiver(signals.pre_save)</c> <c>decorated_handler</c>.</summary>
    [Receiver]
    internal sealed class DecoratedHandler(List<object> data) : ISignalReceiver<PreSave>
    {
        public ValueTask HandleAsync(object? sender, PreSave args, CancellationToken cancellationToken)
        {
            data.Add(args.Instance);
            return default;
        }
    }

    /// <summary>Django's <c>@receiver(signals.pre_save, sender=Car)</c> <c>decorated_handler_with_sender_arg</c>.</summary>
    [Receiver]
    internal sealed class DecoratedHandlerWithSenderArg(List<object> data) : ISignalReceiver<PreSave<Car>>
    {
        public ValueTask HandleAsync(object? sender, PreSave<Car> args, CancellationToken cancellationToken)
        {
            data.Add(args.Instance);
            return default;
        }
    }

    public sealed class Sqlite() : SignalTests(new SqliteTestDatabase());

    public sealed class Postgres() : SignalTests(new PostgresTestDatabase()), IPostgresTests;
}
