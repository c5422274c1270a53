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
            foreach (var attribute in attributes)
            {
                var signal = Find(attribute, type.FullName!);
                if (attribute.OnCommit && catalog.ConnectOnCommit is { } connectOnCommit)
                {
                    connectOnCommit(signal, type, attribute, services);
                }
                else
                {
                    signal.ConnectType(type, attribute.Sender, attribute.DispatchUid, attribute.Order);
                }
            }
        }

        foreach (var (method, attribute) in catalog.Methods)
        {
            var name = $"{method.DeclaringType!.FullName}.{method.Name}";
            Find(attribute, name).ConnectMethod(method, attribute.Sender, attribute.DispatchUid, attribute.Order);
        }
    }

    public IEnumerable<Signal> Signals => _byName.Values;

    public T Get<T>()
        where T : class => (T)_sources[typeof(T)];

    private Signal Find(ReceiverAttribute attribute, string receiver) =>
        _byName.TryGetValue(attribute.Signal, out var signal)
            ? signal
            : throw new InvalidOperationException(
                $"{receiver} is declared a receiver of '{attribute.Signal}', but this host has no signal of that name. " +
                $"Known signals: {string.Join(", ", _byName.Keys.Order(StringComparer.Ordinal))}.");

    private static IEnumerable<Signal> SignalsOf(object source) =>
        source is Signal signal
            ? [signal]
            : source.GetType()
                .GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => typeof(Signal).IsAssignableFrom(p.PropertyType))
                .Select(p => (Signal)p.GetValue(source)!);
}
