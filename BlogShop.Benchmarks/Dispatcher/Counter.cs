using BlogShop.Signals;

namespace BlogShop.Benchmarks.Dispatcher;

public sealed record Ping(int Value);

/// <summary>The receivers' trivial work, the same for the signal and for the plain delegates: add to a field.</summary>
public sealed class Counter
{
    public long Sum { get; private set; }

    public void Add(object? sender, Ping args) => Sum += args.Value;

    public Task AddAsync(object? sender, Ping args, CancellationToken cancellationToken)
    {
        Sum += args.Value;
        return Task.CompletedTask;
    }
}

/// <summary>The sender, as a model class is for model signals.</summary>
public sealed class Article;

internal static class Receivers
{
    public static Counter[] Create(int count) => Enumerable.Range(0, count).Select(_ => new Counter()).ToArray();

    public static Signal<Ping> Signal(Counter[] counters, bool useCaching)
    {
        var signal = new Signal<Ping>("ping", useCaching);
        foreach (var counter in counters)
        {
            signal.Connect(counter.Add, sender: typeof(Article));
        }

        return signal;
    }
}
