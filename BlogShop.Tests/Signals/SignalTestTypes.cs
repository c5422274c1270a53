using System.Collections.Concurrent;

namespace BlogShop.Tests.Signals;

/// <summary>The arguments of the test signals; <see cref="Calls"/> lets static receivers record without static state.</summary>
public sealed record Ping(int Value)
{
    public ConcurrentQueue<string> Calls { get; } = new();
}

public sealed record Pong(string Text);

/// <summary>A model-like class used as a sender, the way Django uses model classes.</summary>
public sealed class Article;

public sealed class Comment;

/// <summary>An object whose methods are connected as receivers (also weakly).</summary>
public sealed class Listener
{
    public List<int> Seen { get; } = [];

    public void OnPing(object? sender, Ping args) => Seen.Add(args.Value);

    public int Factor { get; init; } = 2;

    public object? Multiply(object? sender, Ping args) => args.Value * Factor;
}
