using System.Reflection;
using System.Runtime.CompilerServices;

namespace BlogShop.Signals.Dispatch;

/// <summary>One connected receiver. Immutable: connect and disconnect replace the signal's array of entries.</summary>
internal sealed class ReceiverEntry<TArgs>
{
    private Delegate? _strong;
    private WeakReference<object>? _weakTarget;
    private MethodInfo? _weakMethod;
    private Type? _delegateType;

    private ReceiverEntry(string name, object? sender, string? dispatchUid, int order, long sequence)
    {
        Name = name;
        Sender = sender;
        DispatchUid = dispatchUid;
        Order = order;
        Sequence = sequence;
    }

    public string Name { get; }

    /// <summary>The sender this receiver listens to; null for every sender.</summary>
    public object? Sender { get; }

    public string? DispatchUid { get; }

    public int Order { get; }

    public long Sequence { get; }

    public Func<object?, TArgs, object?>? Sync { get; private init; }

    public Func<object?, TArgs, CancellationToken, ValueTask<object?>>? Async { get; private init; }

    /// <summary>A receiver class resolved from dependency injection per send.</summary>
    public Type? ReceiverType { get; private init; }

    public bool IsWeak => _weakTarget is not null;

    private Delegate? Strong { init => _strong = value; }

    private WeakReference<object>? WeakTarget { init => _weakTarget = value; }

    private MethodInfo? WeakMethod { init => _weakMethod = value; }

    private Type? DelegateType { init => _delegateType = value; }

    public static ReceiverEntry<TArgs> ForDelegate(
        Delegate receiver, Invoker<TArgs> invoker, object? sender, bool weak, string? dispatchUid, int order, long sequence)
    {
        var name = NameOf(receiver.Method);
        if (!weak || receiver.Target is null)
        {
            // A static method cannot be collected: a weak reference to it would be pointless, so it is held strongly.
            return new ReceiverEntry<TArgs>(name, sender, dispatchUid, order, sequence)
            {
                Strong = receiver,
                Sync = invoker.Sync,
                Async = invoker.Async,
            };
        }

        if (IsCompilerGenerated(receiver.Target.GetType()))
        {
            throw new ArgumentException(
                $"Receiver {name} is a lambda or closure: connected weakly, it would be collected at once and never " +
                "called. Connect it strongly (weak: false), or connect a method of an object you keep alive.",
                nameof(receiver));
        }

        return new ReceiverEntry<TArgs>(name, sender, dispatchUid, order, sequence)
        {
            WeakTarget = new WeakReference<object>(receiver.Target),
            WeakMethod = receiver.Method,
            DelegateType = receiver.GetType(),
        };
    }

    public static ReceiverEntry<TArgs> ForType(Type receiverType, object? sender, string? dispatchUid, int order, long sequence) =>
        new(receiverType.Name, sender, dispatchUid ?? receiverType.FullName, order, sequence) { ReceiverType = receiverType };

    /// <summary>True when this entry is the given receiver (or uid) connected for the given sender.</summary>
    public bool Matches(Delegate? receiver, object? sender, string? dispatchUid)
    {
        if (!ReferenceEquals(Sender, sender))
        {
            return false;
        }

        if (dispatchUid is not null || DispatchUid is not null)
        {
            return string.Equals(dispatchUid, DispatchUid, StringComparison.Ordinal);
        }

        if (receiver is null)
        {
            return false;
        }

        if (_strong is not null)
        {
            return _strong.Equals(receiver);
        }

        return _weakMethod == receiver.Method && _weakTarget!.TryGetTarget(out var target) && ReferenceEquals(target, receiver.Target);
    }

    /// <summary>True for a weak receiver whose target has been collected.</summary>
    public bool IsDead => _weakTarget is not null && !_weakTarget.TryGetTarget(out _);

    public bool ListensTo(object? sender) => Sender is null || ReferenceEquals(Sender, sender);

    /// <summary>
    /// The invoker of a weak receiver, bound to its target for this one call; null when the target was collected.
    /// </summary>
    public Invoker<TArgs>? BindWeak()
    {
        if (!_weakTarget!.TryGetTarget(out var target))
        {
            return null;
        }

        return Invoker<TArgs>.From(Delegate.CreateDelegate(_delegateType!, target, _weakMethod!));
    }

    private static bool IsCompilerGenerated(Type type) =>
        type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false) || type.Name.StartsWith('<');

    private static string NameOf(MethodInfo method)
    {
        var type = method.DeclaringType;
        while (type is not null && IsCompilerGenerated(type) && type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type is null ? method.Name : $"{type.Name}.{method.Name}";
    }
}
