using BlogShop.Signals;
using BlogShop.Signals.EntityFrameworkCore;
using BlogShop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlogShop.Tests.Conformance.Django;

/// <summary>
/// The base of the ported Django model tests: a host with the model signals and a fresh database (SQLite in memory or
/// a PostgreSQL database of its own) holding the mirrored Django test models of <typeparamref name="TContext"/>.
/// </summary>
public abstract class DjangoModelTest<TContext>(TestDatabase database) : IAsyncLifetime
    where TContext : DbContext
{
    private ServiceProvider? _services;

    protected TestDatabase Database { get; } = database;

    protected ServiceProvider Services => _services ??= BuildServices();

    protected ModelSignals Signals => Services.GetRequiredService<ModelSignals>();

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

    /// <summary>Declares receiver classes and methods of the test host (Django's <c>@receiver</c>).</summary>
    protected virtual void ConfigureSignals(SignalsBuilder signals)
    {
    }

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    protected TContext NewContext(bool withSignals = true)
    {
        var options = new DbContextOptionsBuilder<TContext>();
        Database.Configure(options);
        if (withSignals)
        {
            options.UseSignals(Services);
        }

        return (TContext)Activator.CreateInstance(typeof(TContext), options.Options)!;
    }

    private ServiceProvider BuildServices()
    {
        var services = new ServiceCollection();
        ConfigureServices(services);
        services.AddSignals(s => ConfigureSignals(s.AddModelSignals()));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}
