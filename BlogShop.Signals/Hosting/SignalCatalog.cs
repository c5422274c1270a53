using System.Reflection;

namespace BlogShop.Signals.Hosting;

/// <summary>What one host's <c>AddSignals</c> calls declared: signal sources and receivers.</summary>
internal sealed class SignalCatalog
{
    public List<SignalSource> Sources { get; } = [];

    public List<(Type Type, ReceiverAttribute[] Attributes)> Classes { get; } = [];

    public List<(MethodInfo Method, ReceiverAttribute Attribute)> Methods { get; } = [];
}

/// <summary>A signal, or a group of signals, the hub creates once per host; <c>Name</c> is known for signals added by name.</summary>
internal sealed record SignalSource(Type Type, string? Name, Func<IServiceProvider, object> Create);
