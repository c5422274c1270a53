using BlogShop.Signals;
using BlogShop.Signals.EntityFrameworkCore;
using BlogShop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Tests.Conformance.Django.M2MSignals;

/// <summary>
/// Django's tests/m2m_signals/tests.py, <c>ManyToManySignalsTest</c>, one test per Django test method, named after it,
/// on SQLite and PostgreSQL. Django's related managers are <see cref="ManyToManyRelation{TEntity, TRelated}"/>:
/// <c>vw.default_parts.add(x)</c> is <c>db.ManyToMany(vw, c =&gt; c.DefaultParts).AddAsync(x)</c>. A message is
/// Django's dict as one line: instance, action, reverse, model and, when pk_set is not empty, the objects by name.
/// </summary>
public abstract class ManyToManySignalsTest(TestDatabase database) : DjangoModelTest<M2MSignalsContext>(database)
{
    private static readonly string[] PartNames = ["Wheelset", "Doors", "Engine", "Airbag", "Sunroof"];
    private static readonly string[] PersonNames = ["Alice", "Bob", "Chuck", "Daisy"];

    private readonly List<string> m2m_changed_messages = [];
    private M2MSignalsContext _db = null!;

    private Car vw = null!, bmw = null!, toyota = null!;
    private Part wheelset = null!, doors = null!, engine = null!, airbag = null!, sunroof = null!;
    private Person alice = null!, bob = null!, chuck = null!, daisy = null!;

    /// <summary>Django's setUpTestData, then a context with signals holding the objects.</summary>
    private async Task SetUpTestDataAsync()
    {
        await using (var seed = NewContext(withSignals: false))
        {
            seed.Cars.AddRange(new Car { Name = "VW" }, new Car { Name = "BMW" }, new Car { Name = "Toyota" });
            seed.Parts.AddRange(PartNames.Select(n => new Part { Name = n }));
            seed.People.AddRange(PersonNames.Select(n => new Person { Name = n }));
            await seed.SaveChangesAsync();
        }

        _db = NewContext();
        var cars = await _db.Cars.ToDictionaryAsync(c => c.Name);
        var parts = await _db.Parts.ToDictionaryAsync(p => p.Name);
        var people = await _db.People.ToDictionaryAsync(p => p.Name);
        (vw, bmw, toyota) = (cars["VW"], cars["BMW"], cars["Toyota"]);
        (wheelset, doors, engine, airbag, sunroof) = (parts["Wheelset"], parts["Doors"], parts["Engine"], parts["Airbag"], parts["Sunroof"]);
        (alice, bob, chuck, daisy) = (people["Alice"], people["Bob"], people["Chuck"], people["Daisy"]);
    }

    private async Task m2m_changed_signal_receiver(object? sender, M2MChangedArgs e, CancellationToken cancellationToken)
    {
        var message = $"{NameOf(e.Instance)} {Action(e.Action)} reverse={e.Reverse} {e.Model.Name}";
        if (e.PkSet is { Count: > 0 } keys)
        {
            var ids = keys.Cast<int>().ToList();
            var names = e.Model == typeof(Part)
                ? await e.Context.Set<Part>().Where(p => ids.Contains(p.Id)).Select(p => p.Name).ToListAsync(cancellationToken)
                : e.Model == typeof(Car)
                    ? await e.Context.Set<Car>().Where(c => ids.Contains(c.Id)).Select(c => c.Name).ToListAsync(cancellationToken)
                    : await e.Context.Set<Person>().Where(p => ids.Contains(p.Id)).Select(p => p.Name).ToListAsync(cancellationToken);
            message += $" [{string.Join(", ", names.Order(StringComparer.Ordinal))}]";
        }

        m2m_changed_messages.Add(message);
    }

    private static string NameOf(object instance) => instance switch
    {
        Car car => car.Name,
        Part part => part.Name,
        Person person => person.Name,
        _ => instance.ToString()!,
    };

    private static string Action(M2MAction action) => action switch
    {
        M2MAction.PreAdd => "pre_add",
        M2MAction.PostAdd => "post_add",
        M2MAction.PreRemove => "pre_remove",
        M2MAction.PostRemove => "post_remove",
        M2MAction.PreClear => "pre_clear",
        _ => "post_clear",
    };

    private async Task _initialize_signal_car(bool add_default_parts_before_set_signal = false)
    {
        Signals.M2MChanged.Connect(m2m_changed_signal_receiver, typeof(CarOptionalPart));
        if (add_default_parts_before_set_signal)
        {
            await _db.ManyToMany(vw, c => c.DefaultParts).AddAsync(sunroof);
        }

        Signals.M2MChanged.Connect(m2m_changed_signal_receiver, typeof(CarDefaultPart));
    }

    private void _initialize_signal_person()
    {
        Signals.M2MChanged.Connect(m2m_changed_signal_receiver, typeof(PersonFan));
        Signals.M2MChanged.Connect(m2m_changed_signal_receiver, typeof(PersonFriend));
    }

    [DatabaseFact]
    public async Task test_pk_set_on_repeated_add_remove()
    {
        await SetUpTestDataAsync();
        var pk_sets_sent = new List<IReadOnlySet<object>?>();
        Signals.M2MChanged.Connect((sender, e) =>
        {
            if (e.Action is M2MAction.PreAdd or M2MAction.PreRemove)
            {
                pk_sets_sent.Add(e.PkSet);
            }
        }, typeof(CarDefaultPart));
        var default_parts = _db.ManyToMany(vw, c => c.DefaultParts);

        await default_parts.AddAsync(wheelset);
        await default_parts.AddAsync(wheelset);
        await default_parts.RemoveAsync(wheelset);
        await default_parts.RemoveAsync(wheelset);

        Assert.Equal([[wheelset.Id], [], [wheelset.Id], [wheelset.Id]], pk_sets_sent.Select(s => s!.Cast<int>().ToArray()));
    }

    [DatabaseFact]
    public async Task test_m2m_relations_add_remove_clear()
    {
        await SetUpTestDataAsync();
        await _initialize_signal_car(add_default_parts_before_set_signal: true);

        await _db.ManyToMany(vw, c => c.DefaultParts).AddAsync([wheelset, doors, engine]);
        Assert.Equal(
            ["VW pre_add reverse=False Part [Doors, Engine, Wheelset]", "VW post_add reverse=False Part [Doors, Engine, Wheelset]"],
            m2m_changed_messages);

        // give the BMW and Toyota some doors as well
        await _db.ManyToMany(doors, p => p.CarSet).AddAsync([bmw, toyota]);
        Assert.Equal(
            [
                "VW pre_add reverse=False Part [Doors, Engine, Wheelset]", "VW post_add reverse=False Part [Doors, Engine, Wheelset]",
                "Doors pre_add reverse=True Car [BMW, Toyota]", "Doors post_add reverse=True Car [BMW, Toyota]",
            ],
            m2m_changed_messages);
    }

    [DatabaseFact]
    public async Task test_m2m_relations_signals_remove_relation()
    {
        await SetUpTestDataAsync();
        await _initialize_signal_car();

        // remove the engine from the vw and the airbag (which is not set but is returned)
        await _db.ManyToMany(vw, c => c.DefaultParts).RemoveAsync([engine, airbag]);

        Assert.Equal(
            ["VW pre_remove reverse=False Part [Airbag, Engine]", "VW post_remove reverse=False Part [Airbag, Engine]"],
            m2m_changed_messages);
    }

    [DatabaseFact]
    public async Task test_m2m_relations_signals_give_the_self_vw_some_optional_parts()
    {
        await SetUpTestDataAsync();
        await _initialize_signal_car();

        // give the vw some optional parts (second relation to same model)
        await _db.ManyToMany(vw, c => c.OptionalParts).AddAsync([airbag, sunroof]);
        Assert.Equal(
            ["VW pre_add reverse=False Part [Airbag, Sunroof]", "VW post_add reverse=False Part [Airbag, Sunroof]"],
            m2m_changed_messages);

        // add airbag to all the cars (even though the vw already has one)
        await _db.ManyToMany(airbag, p => p.CarsOptional).AddAsync([vw, bmw, toyota]);
        Assert.Equal(
            [
                "VW pre_add reverse=False Part [Airbag, Sunroof]", "VW post_add reverse=False Part [Airbag, Sunroof]",
                "Airbag pre_add reverse=True Car [BMW, Toyota]", "Airbag post_add reverse=True Car [BMW, Toyota]",
            ],
            m2m_changed_messages);
    }

    [DatabaseFact]
    public async Task test_m2m_relations_signals_reverse_relation_with_custom_related_name()
    {
        await SetUpTestDataAsync();
        await _initialize_signal_car();

        // remove airbag from the vw (reverse relation with custom related_name)
        await _db.ManyToMany(airbag, p => p.CarsOptional).RemoveAsync(vw);

        Assert.Equal(["Airbag pre_remove reverse=True Car [VW]", "Airbag post_remove reverse=True Car [VW]"], m2m_changed_messages);
    }

    [DatabaseFact]
    public async Task test_m2m_relations_signals_clear_all_parts_of_the_self_vw()
    {
        await SetUpTestDataAsync();
        await _initialize_signal_car();

        await _db.ManyToMany(vw, c => c.DefaultParts).ClearAsync();

        Assert.Equal(["VW pre_clear reverse=False Part", "VW post_clear reverse=False Part"], m2m_changed_messages);
    }

    [DatabaseFact]
    public async Task test_m2m_relations_signals_all_the_doors_off_of_cars()
    {
        await SetUpTestDataAsync();
        await _initialize_signal_car();

        await _db.ManyToMany(doors, p => p.CarSet).ClearAsync();

        Assert.Equal(["Doors pre_clear reverse=True Car", "Doors post_clear reverse=True Car"], m2m_changed_messages);
    }

    [DatabaseFact]
    public async Task test_m2m_relations_signals_reverse_relation()
    {
        await SetUpTestDataAsync();
        await _initialize_signal_car();

        // take all the airbags off of cars (clear reverse relation with custom related_name)
        await _db.ManyToMany(airbag, p => p.CarsOptional).ClearAsync();

        Assert.Equal(["Airbag pre_clear reverse=True Car", "Airbag post_clear reverse=True Car"], m2m_changed_messages);
    }

    [DatabaseFact]
    public async Task test_m2m_relations_signals_alternative_ways()
    {
        await SetUpTestDataAsync();
        await _initialize_signal_car();
        var default_parts = _db.ManyToMany(vw, c => c.DefaultParts);

        // alternative ways of setting relation:
        await default_parts.CreateAsync(new Part { Name = "Windows" });
        Assert.Equal(["VW pre_add reverse=False Part [Windows]", "VW post_add reverse=False Part [Windows]"], m2m_changed_messages);

        // direct assignment clears the set first, then adds
        await default_parts.SetAsync([wheelset, doors, engine]);
        Assert.Equal(
            [
                "VW pre_add reverse=False Part [Windows]", "VW post_add reverse=False Part [Windows]",
                "VW pre_remove reverse=False Part [Windows]", "VW post_remove reverse=False Part [Windows]",
                "VW pre_add reverse=False Part [Doors, Engine, Wheelset]", "VW post_add reverse=False Part [Doors, Engine, Wheelset]",
            ],
            m2m_changed_messages);
    }

    [DatabaseFact]
    public async Task test_m2m_relations_signals_clearing_removing()
    {
        await SetUpTestDataAsync();
        await _initialize_signal_car(add_default_parts_before_set_signal: true);
        var default_parts = _db.ManyToMany(vw, c => c.DefaultParts);

        // set by clearing.
        await default_parts.SetAsync([wheelset, doors, engine], clear: true);
        Assert.Equal(
            [
                "VW pre_clear reverse=False Part", "VW post_clear reverse=False Part",
                "VW pre_add reverse=False Part [Doors, Engine, Wheelset]", "VW post_add reverse=False Part [Doors, Engine, Wheelset]",
            ],
            m2m_changed_messages);

        // set by only removing what's necessary.
        await default_parts.SetAsync([wheelset, doors], clear: false);
        Assert.Equal(
            ["VW pre_remove reverse=False Part [Engine]", "VW post_remove reverse=False Part [Engine]"],
            m2m_changed_messages.Skip(4));
    }

    [DatabaseFact]
    public async Task test_m2m_relations_signals_when_inheritance()
    {
        await SetUpTestDataAsync();
        await _initialize_signal_car(add_default_parts_before_set_signal: true);

        // Signals still work when model inheritance is involved
        var c4 = new SportsCar { Name = "Bugatti", Price = 1000000 };
        _db.Add(c4);
        await _db.SaveChangesAsync();
        await _db.ManyToMany(c4, c => c.DefaultParts).SetAsync([doors]);
        Assert.Equal(["Bugatti pre_add reverse=False Part [Doors]", "Bugatti post_add reverse=False Part [Doors]"], m2m_changed_messages);

        await _db.ManyToMany(engine, p => p.CarSet).AddAsync(c4);
        Assert.Equal(["Engine pre_add reverse=True Car [Bugatti]", "Engine post_add reverse=True Car [Bugatti]"], m2m_changed_messages.Skip(2));
    }

    [DatabaseFact]
    public async Task test_m2m_relations_with_self_add_friends()
    {
        await SetUpTestDataAsync();
        _initialize_signal_person();

        await _db.ManyToMany(alice, p => p.Friends).SetAsync([bob, chuck]);

        Assert.Equal(["Alice pre_add reverse=False Person [Bob, Chuck]", "Alice post_add reverse=False Person [Bob, Chuck]"], m2m_changed_messages);
    }

    [DatabaseFact]
    public async Task test_m2m_relations_with_self_add_fan()
    {
        await SetUpTestDataAsync();
        _initialize_signal_person();

        await _db.ManyToMany(alice, p => p.Fans).SetAsync([daisy]);

        Assert.Equal(["Alice pre_add reverse=False Person [Daisy]", "Alice post_add reverse=False Person [Daisy]"], m2m_changed_messages);
    }

    [DatabaseFact]
    public async Task test_m2m_relations_with_self_add_idols()
    {
        await SetUpTestDataAsync();
        _initialize_signal_person();

        await _db.ManyToMany(chuck, p => p.Idols).SetAsync([alice, bob]);

        Assert.Equal(["Chuck pre_add reverse=True Person [Alice, Bob]", "Chuck post_add reverse=True Person [Alice, Bob]"], m2m_changed_messages);
    }

    public sealed class Sqlite() : ManyToManySignalsTest(new SqliteTestDatabase());

    public sealed class Postgres() : ManyToManySignalsTest(new PostgresTestDatabase()), IPostgresTests;
}
