using System.Reflection;
using BlogShop.Signals.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BlogShop.Signals;

/// <summary>
/// Declares a host's signals and receivers (Django's <c>AppConfig.ready</c>), inside
/// <c>services.AddSignals(s =&gt; ...)</c>. Everything declared here belongs to that one service provider.
/// </summary>
public sealed class SignalsBuilder
{
    internal SignalsBuilder(IServiceCollection services, SignalCatalog catalog)
    {
        Services = services;
        Catalog = catalog;
    }

    /// <summary>The service collection, for extensions that register what their signals need.</summary>
    public IServiceCollection Services { get; }

    internal SignalCatalog Catalog { get; }

    /// <summary>
    /// Connects every receiver declared with <see cref="ReceiverAttribute"/> in <paramref name="assembly"/>: classes
    /// implementing <see cref="ISignalReceiver{TArgs}"/> and static methods taking <c>(object? sender, TArgs args)</c>
    /// (optionally a <see cref="CancellationToken"/>) and returning nothing, a value or a task.
    /// </summary>
    public SignalsBuilder AddReceiversFrom(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        foreach (var type in assembly.GetTypes())
        {
            if (type is { IsClass: true, IsAbstract: false } && type.IsDefined(typeof(ReceiverAttribute), inherit: false))
            {
                AddReceiver(type);
            }

            if (type.IsAbstract && !type.IsSealed)
            {
                continue; // Static methods live in static classes (abstract and sealed) or concrete ones.
            }

            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                foreach (var attribute in method.GetCustomAttributes<ReceiverAttribute>())
                {
                    Catalog.Methods.Add((method, attribute));
                }
            }
        }

        return this;
    }

    /// <summary>Connects one receiver class declared with <see cref="ReceiverAttribute"/>.</summary>
    public SignalsBuilder AddReceiver<TReceiver>()
        where TReceiver : class
    {
        AddReceiver(typeof(TReceiver));
        return this;
    }

    /// <summary>
    /// Registers a custom signal class (a subclass of <see cref="Signal{TArgs}"/>) as a singleton of this host,
    /// so receiver classes can name it and services can take it.
    /// </summary>
    public SignalsBuilder AddSignal<TSignal>()
        where TSignal : Signal
    {
        Catalog.Sources.Add(new SignalSource(typeof(TSignal), sp => ActivatorUtilities.CreateInstance<TSignal>(sp)));
        Services.TryAddSingleton(sp => sp.GetRequiredService<SignalHub>().Get<TSignal>());
        return this;
    }

    /// <summary>Registers a custom signal as a <see cref="Signal{TArgs}"/> singleton of this host.</summary>
    /// <param name="name">The signal's name, unique in the host.</param>
    /// <param name="useCaching">Cache receivers per sender (Django's <c>use_caching</c>).</param>
    public SignalsBuilder AddSignal<TArgs>(string name, bool useCaching = false)
    {
        Catalog.Sources.Add(new SignalSource(typeof(Signal<TArgs>), _ => new Signal<TArgs>(name, useCaching)));
        Services.TryAddSingleton(sp => sp.GetRequiredService<SignalHub>().Get<Signal<TArgs>>());
        return this;
    }

    /// <summary>Registers a group of signals (an object whose <see cref="Signal"/> properties are its signals).</summary>
    internal SignalsBuilder AddGroup<TGroup>(Func<IServiceProvider, TGroup> create)
        where TGroup : class
    {
        if (Catalog.Sources.Exists(s => s.Type == typeof(TGroup)))
        {
            return this;
        }

        Catalog.Sources.Add(new SignalSource(typeof(TGroup), create));
        Services.TryAddSingleton(sp => sp.GetRequiredService<SignalHub>().Get<TGroup>());
        return this;
    }

    private void AddReceiver(Type type)
    {
        var attributes = type.GetCustomAttributes<ReceiverAttribute>(inherit: false).ToArray();
        if (attributes.Length == 0)
        {
            throw new InvalidOperationException($"{type.FullName} has no [Receiver] attribute naming the signal it receives.");
        }

        if (Catalog.Classes.Exists(c => c.Type == type))
        {
            return;
        }

        Catalog.Classes.Add((type, attributes));
        Services.TryAddScoped(type);
    }
}
