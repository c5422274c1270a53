using BlogShop.Signals;
using BlogShop.Signals.EntityFrameworkCore;
using BlogShop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlogShop.Tests.Signals.Models;

/// <summary>Django's decorator-style receivers: [Receiver] classes and methods, with and without a sender, from DI.</summary>
public abstract class ReceiverClassTests(TestDatabase database) : ModelSignalsTest(database)
{
    [DatabaseFact]
    public async Task Declared_receivers_with_and_without_sender_receive_model_signals()
    {
        await using var db = NewContext();

        db.People.Add(new Person { FirstName = "Ann" });
        db.Books.Add(new Book { Name = "Dune" });
        await db.SaveChangesAsync();

        Assert.Equal(["any pre_save Person", "any pre_save Book", "person post_save Ann"], Log);
    }

    [DatabaseFact]
    public async Task A_receiver_class_is_resolved_from_the_contexts_application_scope()
    {
        await using var scope = Services.CreateAsyncScope();
        var marker = scope.ServiceProvider.GetRequiredService<RequestMarker>();
        marker.Name = "request 1";
        var options = new DbContextOptionsBuilder<SignalsTestContext>();
        Database.Configure(options).UseApplicationServiceProvider(scope.ServiceProvider).UseSignals(scope.ServiceProvider);
        await using var db = new SignalsTestContext(options.Options);

        db.People.Add(new Person { FirstName = "Ann" });
        await db.SaveChangesAsync();

        Assert.Contains("person post_save Ann in request 1", Log);
    }

    protected override void ConfigureServices(IServiceCollection services) => services.AddScoped<RequestMarker>();

    protected override void ConfigureSignals(SignalsBuilder signals) =>
        signals.AddReceiver<LogEveryPreSave>().AddReceiver<LogPersonPostSave>();

    public sealed class RequestMarker
    {
        public string? Name { get; set; }
    }

    [Receiver]
    public sealed class LogEveryPreSave(List<string> log) : ISignalReceiver<PreSave>
    {
        public ValueTask HandleAsync(object? sender, PreSave args, CancellationToken cancellationToken)
        {
            log.Add($"any pre_save {((Type)sender!).Name}");
            return ValueTask.CompletedTask;
        }
    }

    [Receiver]
    public sealed class LogPersonPostSave(List<string> log, RequestMarker marker) : ISignalReceiver<PostSave<Person>>
    {
        public ValueTask HandleAsync(object? sender, PostSave<Person> args, CancellationToken cancellationToken)
        {
            log.Add($"person post_save {args.Instance.FirstName}");
            if (marker.Name is not null)
            {
                log.Add($"person post_save {args.Instance.FirstName} in {marker.Name}");
            }

            return ValueTask.CompletedTask;
        }
    }

    public sealed class Sqlite() : ReceiverClassTests(new SqliteTestDatabase());

    public sealed class Postgres() : ReceiverClassTests(new PostgresTestDatabase()), IPostgresTests;
}
