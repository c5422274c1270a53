using System.Reflection;
using System.Runtime.CompilerServices;
using BlogShop.Signals.Hosting;

namespace BlogShop.Signals.Dispatch;

/// <summary>One connected receiver. Immutable: connect and disconnect replace the signal's array of entries.</summary>
internal sealed class ReceiverEntry<TArgs>
{
    /// <summary>What a collected sender reads as: an object no send can pass, so nothing matches it.</summary>
    private static readonly object DeadSender = new();

    private readonly WeakReference<object>? _weakTarget;

    /// <summary>
    /// A sender object other than a <see cref="Type"/>, held weakly (Django 6.0): connecting a receiver for it does not
    /// keep it alive, and once it is collected the receiver is dead and removed.
    /// </summary>
    private readonly WeakReference<object>? _weakSender;

    private readonly object? _sender;

    /// <summary>
    /// For a weak receiver, its delegate keyed by its target: the table keeps the delegate alive exactly as long as the
    /// target, so a send calls it without rebuilding it by reflection and without holding the target itself.
    /// </summary>
    private readonly ConditionalWeakTable<object, Delegate>? _weakDelegate;

    private ReceiverEntry(string name, ReceiverKind kind, object? sender, string? dispatchUid, int order)
    {
        Name = name;
        Kind = kind;
        if (sender is null or Type)
        {
            _sender = sender;
        }
        else
        {
            _weakSender = new WeakReference<object>(sender);
        }

        DispatchUid = dispatchUid;
        Order = order;
    }

    private ReceiverEntry(string name, ReceiverKind kind, object? sender, string? dispatchUid, int order, object weakTarget, Delegate receiver)
        : this(name, kind, sender, dispatchUid, order)
    {
        _weakTarget = new WeakReference<object>(weakTarget);
        _weakDelegate = new ConditionalWeakTable<object, Delegate>();
        _weakDelegate.Add(weakTarget, receiver);
    }

    public string Name { get; }

    public ReceiverKind Kind { get; }

    /// <summary>The sender this receiver listens to; null for every sender.</summary>
    public object? Sender => _weakSender is null ? _sender : _weakSender.TryGetTarget(out var sender) ? sender : DeadSender;

    /// <summary>True when the sender is an object held weakly (not a type, not every sender).</summary>
    public bool HasWeakSender => _weakSender is not null;

    public string? DispatchUid { get; }

    public int Order { get; }

    /// <summary>The receiver delegate when it is held strongly; null for weak receivers and receiver classes.</summary>
    public Delegate? Strong
    {
        get;
        private init
        {
            // Typed copies, so a send calls strong receivers without a cast. By Kind, not by type tests: through
            // delegate variance a Task<object?> receiver is also a Func<..., Task>.
            field = value;
            Action = Kind == ReceiverKind.Action ? (Action<object?, TArgs>?)value : null;
            Function = Kind == ReceiverKind.Function ? (Func<object?, TArgs, object?>?)value : null;
            TaskFunction = Kind == ReceiverKind.Task ? (Func<object?, TArgs, CancellationToken, Task>?)value : null;
            TaskOfObjectFunction = Kind == ReceiverKind.TaskOfObject ? (Func<object?, TArgs, CancellationToken, Task<object?>>?)value : null;
        }
    }

    /// <summary>A strong receiver of kind <see cref="ReceiverKind.Action"/>; null otherwise.</summary>
    public Action<object?, TArgs>? Action { get; private set; }

    /// <summary>A strong receiver of kind <see cref="ReceiverKind.Function"/>; null otherwise.</summary>
    public Func<object?, TArgs, object?>? Function { get; private set; }

    /// <summary>A strong receiver of kind <see cref="ReceiverKind.Task"/>; null otherwise.</summary>
    public Func<object?, TArgs, CancellationToken, Task>? TaskFunction { get; private set; }

    private Func<object?, TArgs, CancellationToken, Task<object?>>? TaskOfObjectFunction { get; set; }

    /// <summary>A receiver class, resolved from dependency injection per send (or once, for a singleton).</summary>
    public Type? ReceiverType { get; private init; }

    /// <summary>True for a receiver class resolved per send: a send without the caller's scope creates one for it.</summary>
    public bool NeedsScope => Kind == ReceiverKind.Class;

    /// <summary>Resolves the receiver class (or takes its singleton) and calls it (with the arguments narrowed to the type it takes).</summary>
    private Func<IServiceProvider, object?, TArgs, CancellationToken, ValueTask>? ClassInvoker { get; init; }

    /// <summary>The delegate the caller connected, when <see cref="Strong"/> adapts it; null otherwise.</summary>
    private Delegate? Identity { get; init; }

    public bool IsWeak => _weakTarget is not null;

    /// <summary>True for a weak receiver whose target has been collected, or a receiver whose sender was collected.</summary>
    public bool IsDead => (_weakTarget is not null && !_weakTarget.TryGetTarget(out _)) ||
                          (_weakSender is not null && !_weakSender.TryGetTarget(out _));

    /// <summary>True when this receiver never returns a response, so a successful call always answers null.</summary>
    public bool AnswersNull => Kind is ReceiverKind.Action or ReceiverKind.Task or ReceiverKind.Class or ReceiverKind.Singleton;

    // identity: the delegate the caller connected when receiver adapts it to this
    // signal's arguments (held strongly then); it names the receiver and is what Matches compares.
    public static ReceiverEntry<TArgs> ForDelegate(Delegate receiver, object? sender, bool weak, string? dispatchUid, int order, Delegate? identity = null)
    {
        var kind = KindOf(receiver, (identity ?? receiver).Method);
        var name = NameOf((identity ?? receiver).Method);
        var target = receiver.Target;
        if (!weak || target is null || identity is not null)
        {
            // A static method cannot be collected: a weak reference to it would be pointless, so it is held strongly.
            return new ReceiverEntry<TArgs>(name, kind, sender, dispatchUid, order) { Strong = receiver, Identity = identity };
        }

        if (!receiver.HasSingleTarget)
        {
            throw new ArgumentException(
                $"Receiver {name} combines several delegates; a weak receiver must be one method of one object.", nameof(receiver));
        }

        if (IsCompilerGenerated(target.GetType()))
        {
            throw new ArgumentException(
                $"Receiver {name} is a lambda or closure: connected weakly, it would be collected at once and never " +
                "called. Connect it strongly (weak: false), or connect a method of an object you keep alive.",
                nameof(receiver));
        }

        return new ReceiverEntry<TArgs>(name, kind, sender, dispatchUid, order, target, receiver);
    }

    // singleton: the class is registered as a singleton; its invoker ignores the services it
    // is given (it resolves the instance once), so a send needs no scope for it.
    public static ReceiverEntry<TArgs> ForType(
        Type receiverType, Func<IServiceProvider, object?, TArgs, CancellationToken, ValueTask> invoker, object? sender, string dispatchUid, int order,
        bool singleton) =>
        new(receiverType.Name, singleton ? ReceiverKind.Singleton : ReceiverKind.Class, sender, dispatchUid, order) { ReceiverType = receiverType, ClassInvoker = invoker };

    /// <summary>
    /// Django's lookup key: the same sender (by identity) and either the same dispatch uid or, when neither side has
    /// one, the same receiver (the same method on the same target).
    /// </summary>
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

        var own = Identity ?? Strong ?? (IsWeak ? TryGetWeak() : null);
        return own is not null && SameReceiver(own, receiver);
    }

    public bool ListensTo(object? sender) => Sender is null || ReferenceEquals(Sender, sender);

    /// <summary>The delegate of a weak receiver; null once its target was collected.</summary>
    public Delegate? TryGetWeak() =>
        _weakTarget!.TryGetTarget(out var target) && _weakDelegate!.TryGetValue(target, out var receiver) ? receiver : null;

    /// <summary>
    /// Calls the receiver and returns its response; for async receivers and receiver classes the pending call.
    /// <c>weakReceiver</c> is the live delegate of a weak receiver (null for the others) and <c>services</c> the scope
    /// a receiver class is resolved from (ignored for delegates).
    /// </summary>
    public ValueTask<object?> InvokeAsync(Delegate? weakReceiver, object? sender, TArgs args, IServiceProvider? services, CancellationToken cancellationToken)
    {
        switch (Kind)
        {
            case ReceiverKind.Action:
                (Action ?? (Action<object?, TArgs>)weakReceiver!)(sender, args);
                return default;
            case ReceiverKind.Function:
                return new ValueTask<object?>((Function ?? (Func<object?, TArgs, object?>)weakReceiver!)(sender, args));
            case ReceiverKind.Task:
                return AwaitNull((TaskFunction ?? (Func<object?, TArgs, CancellationToken, Task>)weakReceiver!)(sender, args, cancellationToken));
            case ReceiverKind.TaskOfObject:
                return new ValueTask<object?>(
                    (TaskOfObjectFunction ?? (Func<object?, TArgs, CancellationToken, Task<object?>>)weakReceiver!)(sender, args, cancellationToken));
            default:
                return AwaitNull(ClassInvoker!(services!, sender, args, cancellationToken));
        }
    }

    // method: the method of the delegate the caller connected (a typed receiver is adapted to this
    // signal's arguments by a lambda, whose own method says nothing about the receiver).
    private static ReceiverKind KindOf(Delegate receiver, MethodInfo method)
    {
        // Task<object?> before Task: by delegate variance a Task<object?> receiver is also a Task receiver.
        var kind = receiver switch
        {
            Action<object?, TArgs> => ReceiverKind.Action,
            Func<object?, TArgs, object?> => ReceiverKind.Function,
            Func<object?, TArgs, CancellationToken, Task<object?>> => ReceiverKind.TaskOfObject,
            Func<object?, TArgs, CancellationToken, Task> => ReceiverKind.Task,
            _ => throw new ArgumentException($"Unsupported receiver delegate type {receiver.GetType()}.", nameof(receiver)),
        };

        if (kind == ReceiverKind.Function && typeof(Task).IsAssignableFrom(method.ReturnType))
        {
            // A method returning Task converts to Func<object?, TArgs, object?>: its task would be the response, never awaited.
            throw new ArgumentException(ReceiverMessages.Format(ReceiverMessages.TaskWithoutCancellationToken, NameOf(method)), nameof(receiver));
        }

        if (kind == ReceiverKind.Action && method.IsDefined(typeof(AsyncStateMachineAttribute), inherit: false))
        {
            throw new ArgumentException(ReceiverMessages.Format(ReceiverMessages.AsyncVoid, NameOf(method)), nameof(receiver));
        }

        return kind;
    }

    private static bool SameReceiver(Delegate own, Delegate other)
    {
        if (own.HasSingleTarget && other.HasSingleTarget)
        {
            // Method and target, not Delegate.Equals: the same method converted to another delegate type is the same receiver.
            return own.Method == other.Method && ReferenceEquals(own.Target, other.Target);
        }

        return own.Equals(other);
    }

    private static ValueTask<object?> AwaitNull(ValueTask pending)
    {
        if (pending.IsCompletedSuccessfully)
        {
            pending.GetAwaiter().GetResult();
            return default;
        }

        return Await(pending);

        static async ValueTask<object?> Await(ValueTask pending)
        {
            await pending.ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>A task's completion as a call that answers null (its exception, if it fails).</summary>
    public static ValueTask<object?> AwaitNull(Task task) => AwaitNull(new ValueTask(task));

    private static bool IsCompilerGenerated(Type type) =>
        type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false) || type.Name.StartsWith('<');

    internal static string NameOf(MethodInfo method)
    {
        var type = method.DeclaringType;
        while (type is not null && IsCompilerGenerated(type) && type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type is null ? method.Name : $"{type.Name}.{method.Name}";
    }
}
