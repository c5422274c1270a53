using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace BlogShop.Signals.Hosting;

/// <summary>What one host's <c>AddSignals</c> calls declared: signal sources and receivers.</summary>
/// <param name="registrations">The host's service collection: complete once the provider is built, when the hub reads
/// the lifetime each receiver class is registered with.</param>
internal sealed class SignalCatalog(IServiceCollection registrations)
{
    public List<SignalSource> Sources { get; } = [];

    public List<(Type Type, ReceiverAttribute[] Attributes)> Classes { get; } = [];

    public List<(MethodInfo Method, ReceiverAttribute Attribute)> Methods { get; } = [];

    /// <summary>
    /// Connects a receiver class (type, argument type, sender) declared with <see cref="ReceiverAttribute.OnCommit"/>; set by the package that knows
    /// transactions (BlogShop.Signals.EntityFrameworkCore). Without it such a receiver is connected as any other and
    /// runs at once, which is what OnCommit means for a send that comes from no transaction.
    /// </summary>
    public Action<Signal, Type, Type, object?, ReceiverAttribute, IServiceProvider>? ConnectOnCommit { get; set; }

    /// <summary>
    /// True when the receiver class is registered as a singleton: by the host itself, before or after <c>AddSignals</c>
    /// (which registers it scoped only when the host has not). The last registration is the one dependency injection
    /// resolves, so it is the one that counts.
    /// </summary>
    public bool IsSingleton(Type receiverType) =>
        registrations.LastOrDefault(d => d.ServiceType == receiverType && !d.IsKeyedService)?.Lifetime == ServiceLifetime.Singleton;
}

/// <summary>A signal, or a group of signals, the hub creates once per host; <c>Name</c> is known for signals added by name.</summary>
internal sealed record SignalSource(Type Type, string? Name, Func<IServiceProvider, object> Create);
