using System.Reflection;
using Microsoft.Extensions.Logging;

namespace BlogShop.Signals.Hosting;

/// <summary>
/// Owns every signal of one host (one service provider): creates them, gives them the host's logger and services,
/// and connects the declared receivers. Nothing here is static, so two hosts never share a receiver.
/// </summary>
internal sealed class SignalHub
{
    private readonly Dictionary<Type, object> _sources = [];
    private readonly Dictionary<string, Signal> _byName = new(StringComparer.Ordinal);

    public SignalHub(IServiceProvider services, SignalCatalog catalog, ILoggerFactory loggerFactory)
    {
        var logger = loggerFactory.CreateLogger("BlogShop.Signals.Signal");
        foreach (var source in catalog.Sources)
        {
            var created = source.Create(services);
            _sources[source.Type] = created;
            foreach (var signal in SignalsOf(created))
            {
                if (!_byName.TryAdd(signal.Name, signal))
                {
                    throw new InvalidOperationException($"Two signals are named '{signal.Name}'; signal names must be unique in a host.");
                }

                signal.Attach(services, logger);
            }
        }

        foreach (var (type, attributes) in catalog.Classes)
        {
            var singleton = catalog.IsSingleton(type);
            var argsTypes = type.GetInterfaces()
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ISignalReceiver<>))
                .Select(i => i.GetGenericArguments()[0])
                .ToArray();

            foreach (var argsType in argsTypes)
            {
                var (signal, typedSender) = Find(argsType, type.FullName!);
                foreach (var attribute in attributes)
                {
                    var sender = SenderOf(attribute, typedSender, type.FullName!, signal);
                    if (attribute.OnCommit && catalog.ConnectOnCommit is { } connectOnCommit)
                    {
                        connectOnCommit(signal, type, argsType, sender, attribute, services);
                    }
                    else
                    {
                        signal.ConnectType(type, argsType, sender, attribute.DispatchUid, attribute.Order, singleton);
                    }
                }
            }
        }

        foreach (var (method, attribute) in catalog.Methods)
        {
            var name = $"{method.DeclaringType!.FullName}.{method.Name}";
            var parameters = method.GetParameters();
            if (parameters.Length is not (2 or 3))
            {
                throw ReceiverMessages.Refused(ReceiverMessages.WrongMethodShape, name, ReceiverMessages.WrongParameterCount(parameters.Length));
            }

            var argsType = parameters[1].ParameterType;
            var (signal, typedSender) = Find(argsType, name);
            signal.ConnectMethod(method, argsType, SenderOf(attribute, typedSender, name, signal), attribute.DispatchUid, attribute.Order);
        }
    }

    public IEnumerable<Signal> Signals => _byName.Values;

    public T Get<T>()
        where T : class => (T)_sources[typeof(T)];

    /// <summary>The one signal of this host a receiver taking <paramref name="argsType"/> receives, and the sender the
    /// type names (for a per-sender argument type such as <c>PostSave&lt;Comment&gt;</c>).</summary>
    private (Signal Signal, Type? Sender) Find(Type argsType, string receiver)
    {
        Signal? found = null;
        Type? sender = null;
        foreach (var signal in _byName.Values)
        {
            if (!signal.Accepts(argsType, out var typedSender))
            {
                continue;
            }

            if (found is not null)
            {
                throw new InvalidOperationException(
                    $"{receiver} receives {argsType.Name}, which two signals of this host take ('{found.Name}' and '{signal.Name}'): " +
                    "give each signal an argument type of its own.");
            }

            (found, sender) = (signal, typedSender);
        }

        return found is not null
            ? (found, sender)
            : throw new InvalidOperationException(
                $"{receiver} is declared a receiver of {argsType.Name}, but no signal of this host takes that type. Known signals: " +
                $"{string.Join(", ", _byName.Values.Select(s => $"{s.Name} ({s.ArgsType.Name})").Order(StringComparer.Ordinal))}.");
    }

    private static Type? SenderOf(ReceiverAttribute attribute, Type? typedSender, string receiver, Signal signal) =>
        attribute.Sender is null || typedSender is null || attribute.Sender == typedSender
            ? typedSender ?? attribute.Sender
            : throw ReceiverMessages.Refused(ReceiverMessages.SenderContradictsArguments, receiver, $"'{signal.Name}'", typedSender.Name, attribute.Sender.Name);

    private static IEnumerable<Signal> SignalsOf(object source) =>
        source is Signal signal
            ? [signal]
            : source.GetType()
                .GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => typeof(Signal).IsAssignableFrom(p.PropertyType))
                .Select(p => (Signal)p.GetValue(source)!);
}
