using BlogShop.Signals;
using BlogShop.Signals.EntityFrameworkCore;
using BlogShop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace BlogShop.Tests.Signals.Models;

/// <summary>
/// The base of the model-signal tests: one host with the signals, and a fresh database of the derived class's kind
/// (SQLite in memory, or a PostgreSQL database of its own) with the test model created in it.
/// </summary>
public abstract class ModelSignalsTest(TestDatabase database) : IAsyncLifetime
{
    private ServiceProvider? _services;

    protected TestDatabase Database { get; } = database;

    protected ServiceProvider Services => _services ??= BuildServices();

    protected ModelSignals Signals => Services.GetRequiredService<ModelSignals>();

    /// <summary>What each receiver saw, in order, as "signal Type detail".</summary>
    protected List<string> Log { get; } = [];

    public async Task InitializeAsync()
    {
        await Database.CreateAsync();
        await using var db = NewContext(withSignals: false);
        await db.Database.EnsureCreatedAsync();
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await Database.DisposeAsync();
    }

    /// <summary>Declares receiver classes and custom signals of the test host.</summary>
    protected virtual void ConfigureSignals(SignalsBuilder signals)
    {
    }

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    protected SignalsTestContext NewContext(bool withSignals = true, params IInterceptor[] interceptors)
    {
        var options = new DbContextOptionsBuilder<SignalsTestContext>();
        Database.Configure(options);
        if (withSignals)
        {
            options.UseSignals(Services);
        }

        options.AddInterceptors(interceptors);

        return new SignalsTestContext(options.Options);
    }

    /// <summary>Saves one person without signals; returns its key.</summary>
    protected async Task<int> SeedPersonAsync(string first, string last = "")
    {
        await using var db = NewContext(withSignals: false);
        var person = new Person { FirstName = first, LastName = last };
        db.People.Add(person);
        await db.SaveChangesAsync();
        return person.Id;
    }

    private ServiceProvider BuildServices()
    {
        var services = new ServiceCollection();
        services.AddSingleton(Log);
        ConfigureServices(services);
        services.AddSignals(s => ConfigureSignals(s.AddModelSignals()));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}
