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
    /// <exception cref="InvalidOperationException">A [Receiver] on an abstract or generic class, a class without
    /// <see cref="ISignalReceiver{TArgs}"/>, an instance method, a lambda or local function, or a method with OnCommit
    /// (here); an argument type that no signal, or two signals, of the host take, or a method of the wrong shape (when
    /// the signals are first resolved: at host start). The package's analyzer reports all but the host's own cases
    /// (which signals it added) at build time.</exception>
    public SignalsBuilder AddReceiversFrom(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return AddReceiversFrom(assembly.GetTypes());
    }

    /// <summary>The scan of <see cref="AddReceiversFrom(Assembly)"/>, over chosen types (tests pick theirs).</summary>
    internal SignalsBuilder AddReceiversFrom(IEnumerable<Type> types)
    {
        const BindingFlags AllMethods = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        foreach (var type in types)
        {
            if (type.IsDefined(typeof(ReceiverAttribute), inherit: false))
            {
                AddReceiver(type);
            }

            foreach (var method in type.GetMethods(AllMethods))
            {
                var attributes = method.GetCustomAttributes<ReceiverAttribute>(inherit: false).ToArray();
                if (attributes.Length == 0)
                {
                    continue;
                }

                // A lambda's or local function's method has a name C# cannot spell.
                var refused = method.Name.Contains('<', StringComparison.Ordinal) ? ReceiverMessages.CompilerMadeMethod
                    : !method.IsStatic ? ReceiverMessages.InstanceMethod
                    : Array.Exists(attributes, a => a.OnCommit) ? ReceiverMessages.OnCommitOnMethod
                    : null;
                if (refused is not null)
                {
                    throw ReceiverMessages.Refused(refused, $"{type.FullName}.{method.Name}");
                }

                if (Catalog.Methods.Exists(m => m.Method == method))
                {
                    continue;
                }

                foreach (var attribute in attributes)
                {
                    Catalog.Methods.Add((method, attribute));
                }
            }
        }

        return this;
    }

    /// <summary>
    /// Connects one receiver class: to the signal of each <see cref="ISignalReceiver{TArgs}"/> it implements, with the
    /// options of its <see cref="ReceiverAttribute"/>s (the defaults when it has none). The class is registered scoped
    /// unless the host registers it itself: registered as a singleton, it is resolved once (see <see cref="ISignalReceiver{TArgs}"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The class is abstract or generic, or implements no
    /// <see cref="ISignalReceiver{TArgs}"/>.</exception>
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
    /// <remarks>Adding the same class again does nothing.</remarks>
    public SignalsBuilder AddSignal<TSignal>()
        where TSignal : Signal
    {
        if (!Catalog.Sources.Exists(s => s.Type == typeof(TSignal)))
        {
            Catalog.Sources.Add(new SignalSource(typeof(TSignal), null, sp => ActivatorUtilities.CreateInstance<TSignal>(sp)));
            Services.TryAddSingleton(sp => sp.GetRequiredService<SignalHub>().Get<TSignal>());
        }

        return this;
    }

    /// <summary>Registers a custom signal as a <see cref="Signal{TArgs}"/> singleton of this host.</summary>
    /// <param name="name">The signal's name, unique in the host.</param>
    /// <param name="useCaching">Cache receivers per sender (Django's <c>use_caching</c>).</param>
    /// <remarks>Adding the same name again does nothing.</remarks>
    /// <exception cref="InvalidOperationException">Another signal with the same <typeparamref name="TArgs"/> was added
    /// under a different name: dependency injection could not tell them apart. Declare a subclass of
    /// <see cref="Signal{TArgs}"/> for each and use <see cref="AddSignal{TSignal}()"/>.</exception>
    public SignalsBuilder AddSignal<TArgs>(string name, bool useCaching = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var existing = Catalog.Sources.Find(s => s.Type == typeof(Signal<TArgs>));
        if (existing is not null)
        {
            return existing.Name == name
                ? this
                : throw new InvalidOperationException(
                    $"Signal<{typeof(TArgs).Name}> is already added as '{existing.Name}'; '{name}' needs a Signal<{typeof(TArgs).Name}> " +
                    "subclass of its own, added with AddSignal<TSignal>().");
        }

        Catalog.Sources.Add(new SignalSource(typeof(Signal<TArgs>), name, _ => new Signal<TArgs>(name, useCaching)));
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

        Catalog.Sources.Add(new SignalSource(typeof(TGroup), null, create));
        Services.TryAddSingleton(sp => sp.GetRequiredService<SignalHub>().Get<TGroup>());
        return this;
    }

    private void AddReceiver(Type type)
    {
        var attributes = type.GetCustomAttributes<ReceiverAttribute>(inherit: false).ToArray();
        if (attributes.Length == 0)
        {
            attributes = [new ReceiverAttribute()];
        }

        if (!type.IsClass || type.IsAbstract || type.ContainsGenericParameters)
        {
            throw ReceiverMessages.Refused(ReceiverMessages.NotCreatable, type.FullName);
        }

        if (!Array.Exists(type.GetInterfaces(), i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ISignalReceiver<>)))
        {
            throw ReceiverMessages.Refused(ReceiverMessages.NoReceiverInterface, type.FullName);
        }

        if (Catalog.Classes.Exists(c => c.Type == type))
        {
            return;
        }

        Catalog.Classes.Add((type, attributes));
        Services.TryAddScoped(type);
    }
}
