using System.Collections.Concurrent;
using BlogShop.Signals;

namespace BlogShop.Tests.Signals.Hosting;

/// <summary>What the receiver classes did, per host (a singleton, so each host has its own).</summary>
public sealed class Journal
{
    public ConcurrentQueue<(string What, ScopedProbe Scope)> Entries { get; } = new();

    public IEnumerable<string> What => Entries.Select(e => e.What);
}

/// <summary>A scoped service: one per dependency-injection scope, marked when the scope disposes it.</summary>
public sealed class ScopedProbe : IDisposable
{
    public Guid Id { get; } = Guid.NewGuid();

    public bool Disposed { get; private set; }

    public void Dispose() => Disposed = true;
}

[Receiver]
public sealed class RecordPing(Journal journal, ScopedProbe scope) : ISignalReceiver<Ping>
{
    public ValueTask HandleAsync(object? sender, Ping args, CancellationToken cancellationToken)
    {
        journal.Entries.Enqueue(($"ping {args.Value}", scope));
        return ValueTask.CompletedTask;
    }
}

[Receiver(Sender = typeof(Article), Order = -10)]
public sealed class RecordArticlePingFirst(Journal journal, ScopedProbe scope) : ISignalReceiver<Ping>
{
    public async ValueTask HandleAsync(object? sender, Ping args, CancellationToken cancellationToken)
    {
        await Task.Yield();
        journal.Entries.Enqueue(($"article ping {args.Value}", scope));
    }
}

[Receiver]
public sealed class RecordPingAndPong(Journal journal, ScopedProbe scope) : ISignalReceiver<Ping>, ISignalReceiver<Pong>
{
    public ValueTask HandleAsync(object? sender, Ping args, CancellationToken cancellationToken)
    {
        journal.Entries.Enqueue(($"both: ping {args.Value}", scope));
        return ValueTask.CompletedTask;
    }

    public ValueTask HandleAsync(object? sender, Pong args, CancellationToken cancellationToken)
    {
        journal.Entries.Enqueue(($"both: pong {args.Text}", scope));
        return ValueTask.CompletedTask;
    }
}

[Receiver(DispatchUid = "pong-audit")]
public sealed class AuditPong(Journal journal, ScopedProbe scope) : ISignalReceiver<Pong>
{
    public ValueTask HandleAsync(object? sender, Pong args, CancellationToken cancellationToken)
    {
        journal.Entries.Enqueue(($"audit pong {args.Text}", scope));
        return ValueTask.CompletedTask;
    }
}

[Receiver(DispatchUid = "pong-audit")]
public sealed class AuditPongAgain(Journal journal, ScopedProbe scope) : ISignalReceiver<Pong>
{
    public ValueTask HandleAsync(object? sender, Pong args, CancellationToken cancellationToken)
    {
        journal.Entries.Enqueue(($"audit again pong {args.Text}", scope));
        return ValueTask.CompletedTask;
    }
}

[Receiver(Sender = typeof(Comment))]
public sealed class FailOnCommentPong : ISignalReceiver<Pong>
{
    public ValueTask HandleAsync(object? sender, Pong args, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"cannot handle {args.Text}");
}

public static class StaticPingReceivers
{
    [Receiver]
    public static void RecordOnArgs(object? sender, Ping args) => args.Calls.Enqueue("static sync");

    [Receiver(Sender = typeof(Comment))]
    public static async Task<object?> AnswerForCommentsAsync(object? sender, Ping args, CancellationToken cancellationToken)
    {
        await Task.Yield();
        args.Calls.Enqueue("static async");
        return args.Value * 100;
    }
}

/// <summary>A custom signal declared as a class, as a library would.</summary>
public sealed class OrderPlaced() : Signal<Order>("test_order_placed");

/// <summary>The arguments of <see cref="OrderPlaced"/>: a type of its own, which is what its receivers name.</summary>
public sealed record Order(string Text);

[Receiver]
public sealed class RecordOrderPlaced(Journal journal, ScopedProbe scope) : ISignalReceiver<Order>
{
    public ValueTask HandleAsync(object? sender, Order args, CancellationToken cancellationToken)
    {
        journal.Entries.Enqueue(($"order {args.Text}", scope));
        return ValueTask.CompletedTask;
    }
}

/// <summary>Which receiver instances handled the sends, per host (a singleton, so each host has its own).</summary>
public sealed class InstanceLog
{
    private int _created;

    public int Created => Volatile.Read(ref _created);

    public ConcurrentQueue<object> Handled { get; } = new();

    public void NoteCreated() => Interlocked.Increment(ref _created);
}

/// <summary>Notes the instance that handled each ping; its lifetime is whatever a test registers it with.</summary>
public sealed class NotePingInstance : ISignalReceiver<Ping>
{
    private readonly InstanceLog _log;

    public NotePingInstance(InstanceLog log)
    {
        _log = log;
        log.NoteCreated();
    }

    public ValueTask HandleAsync(object? sender, Ping args, CancellationToken cancellationToken)
    {
        _log.Handled.Enqueue(this);
        return ValueTask.CompletedTask;
    }
}

/// <summary>A singleton receiver that takes a signal of its host in its constructor, and answers each ping with a pong.</summary>
public sealed class AnswerPingWithPong(Signal<Pong> pong) : ISignalReceiver<Ping>
{
    public async ValueTask HandleAsync(object? sender, Ping args, CancellationToken cancellationToken) =>
        await pong.SendAsync(this, new Pong($"answer to {args.Value}"), cancellationToken);
}
