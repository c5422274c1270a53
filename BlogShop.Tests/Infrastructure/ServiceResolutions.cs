using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace BlogShop.Tests.Infrastructure;

/// <summary>
/// Counts what a service provider resolves, as the dependency-injection container itself reports it (its event source's
/// ServiceResolved event, written on each <c>GetService</c> call, from the root or any of its scopes). Listens while alive.
/// </summary>
public sealed class ServiceResolutions : EventListener
{
    private const string SourceName = "Microsoft-Extensions-DependencyInjection";

    private readonly ConcurrentDictionary<(string Type, int Provider), int> _counts = new();

    /// <summary>How many times <paramref name="provider"/> (a root provider; its scopes report through it) resolved
    /// <paramref name="type"/> while this listener listened.</summary>
    public int Of(Type type, IServiceProvider provider) => _counts.GetValueOrDefault((type.ToString(), provider.GetHashCode()));

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == SourceName)
        {
            EnableEvents(eventSource, EventLevel.Verbose, EventKeywords.All);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName == "ServiceResolved" && eventData.Payload is [string type, int provider])
        {
            _counts.AddOrUpdate((type, provider), 1, (_, count) => count + 1);
        }
    }
}
