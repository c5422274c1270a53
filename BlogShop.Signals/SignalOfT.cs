using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using BlogShop.Signals.Dispatch;
using BlogShop.Signals.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlogShop.Signals;

/// <summary>
/// A signal: Django's <c>django.dispatch.Signal</c>. Receivers connect to it and get <c>(sender, args)</c> on each send.
/// </summary>
/// <remarks>
/// <para><b>Order.</b> Receivers run one after another, by <c>order</c> (lower first), then in connect order. Sync and
/// async receivers share that one order in every send; Django instead runs sync receivers first and then the async
/// ones concurrently.</para>
/// <para><b>Async receivers and the sync sends.</b> <see cref="Send"/> and <see cref="SendRobust"/> also run async
/// receivers (and receiver classes): each one is waited for, blocking the calling thread, before the next receiver
/// runs (Django's <c>async_to_sync</c>). When the calling thread has a <see cref="SynchronizationContext"/> (or a
/// non-default task scheduler) such a receiver is started on the thread pool instead, so that it cannot deadlock on
/// the blocked thread. In async code use <see cref="SendAsync"/> / <see cref="SendRobustAsync"/>, which await them.</para>
/// <para><b>Threads.</b> Connect, disconnect and send may run concurrently from any threads. A send works on the
/// receivers connected when it started: a receiver that disconnects itself or another during a send does not change
/// that send; the next send sees the change.</para>
/// <para><b>Weak receivers</b> (<c>weak: true</c>) hold their target object weakly: once it is collected the receiver
/// is never called again and is removed. A lambda or closure cannot be weak (nothing else holds it, so it would vanish
/// at once); connecting one weakly throws <see cref="ArgumentException"/> rather than losing it silently.</para>
/// </remarks>
/// <typeparam name="TArgs">The record carrying the signal's named arguments.</typeparam>
public class Signal<TArgs> : Signal
{
    private readonly Lock _gate = new();
    private volatile State _state = new([]);

    /// <summary>Creates a signal.</summary>
    /// <param name="name">The signal's name (receiver classes name it in <see cref="ReceiverAttribute"/>).</param>
    /// <param name="useCaching">Cache the receivers of each sender until the next connect or disconnect.</param>
    /// <param name="logger">Where <see cref="SendRobust"/> logs failing receivers (nowhere when null); a signal
    /// registered with <c>AddSignals</c> gets the host's logger.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or white space.</exception>
    public Signal(string name, bool useCaching = false, ILogger? logger = null)
        : base(name, useCaching, logger)
    {
    }

    /// <inheritdoc />
    public override Type ArgsType => typeof(TArgs);

    /// <summary>The number of connected receivers, dead weak ones included until they are cleaned up.</summary>
    internal int ReceiverCount => _state.All.Entries.Length;

    /// <summary>
    /// True when a send could reach anyone: a receiver is connected (for any sender), or sends are watched (the host
    /// has an observer, or a telemetry listener is attached). Senders check it to skip building arguments nobody would see.
    /// </summary>
    internal bool HasAudience => !_state.IsEmpty || IsWatched;

    /// <summary>The names of the receivers a send from <paramref name="sender"/> would call (for error messages).</summary>
    internal override IEnumerable<string> ReceiverNames(object? sender) =>
        _state.All.Entries.Where(e => e.ListensTo(sender)).Select(e => e.Name);

    /// <summary>Connects a receiver that returns nothing.</summary>
    /// <param name="receiver">Called with <c>(sender, args)</c>.</param>
    /// <param name="sender">Receive only from this sender, matched by identity (usually a <see cref="Type"/> such as
    /// <c>typeof(Article)</c>; an instance does not match its class); null receives from every sender. A sender
    /// object other than a type is held weakly (Django 6.0): the connection does not keep it alive, and once it is
    /// collected its receivers are removed.</param>
    /// <param name="weak">Hold the receiver's target weakly (see the class remarks).</param>
    /// <param name="dispatchUid">A unique id: a second connect with the same id and sender is ignored, whatever the receiver.</param>
    /// <param name="order">Lower runs first; equal orders run in connect order.</param>
    /// <remarks>Connecting the same receiver (or dispatch uid) again for the same sender does nothing: the first
    /// registration wins. The same receiver connected for two senders is two registrations.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="receiver"/> is null.</exception>
    /// <exception cref="ArgumentException">A lambda or closure connected with <paramref name="weak"/>; an
    /// <c>async void</c> receiver; a receiver that returns a task without taking a <see cref="CancellationToken"/>
    /// (it could not be awaited); a value-type <paramref name="sender"/> (boxed anew at each send, it can never match
    /// by identity).</exception>
    public void Connect(Action<object?, TArgs> receiver, object? sender = null, bool weak = false, string? dispatchUid = null, int order = 0) =>
        ConnectDelegate(receiver, sender, weak, dispatchUid, order);

    /// <summary>Connects a receiver whose return value becomes its response.</summary>
    /// <inheritdoc cref="Connect(Action{object?, TArgs}, object?, bool, string?, int)" />
    public void Connect(Func<object?, TArgs, object?> receiver, object? sender = null, bool weak = false, string? dispatchUid = null, int order = 0) =>
        ConnectDelegate(receiver, sender, weak, dispatchUid, order);

    /// <summary>Connects an async receiver.</summary>
    /// <inheritdoc cref="Connect(Action{object?, TArgs}, object?, bool, string?, int)" />
    public void Connect(Func<object?, TArgs, CancellationToken, Task> receiver, object? sender = null, bool weak = false, string? dispatchUid = null, int order = 0) =>
        ConnectDelegate(receiver, sender, weak, dispatchUid, order);

    /// <summary>Connects an async receiver whose result becomes its response.</summary>
    /// <inheritdoc cref="Connect(Action{object?, TArgs}, object?, bool, string?, int)" />
    public void Connect(Func<object?, TArgs, CancellationToken, Task<object?>> receiver, object? sender = null, bool weak = false, string? dispatchUid = null, int order = 0) =>
        ConnectDelegate(receiver, sender, weak, dispatchUid, order);

    /// <summary>
    /// Connects a receiver of the arguments <typeparamref name="TTyped"/>: <typeparamref name="TArgs"/> itself (every
    /// sender), or the per-sender form of a signal whose sends come typed per sender, which names the sender:
    /// <c>modelSignals.PostSave.Connect((PostSave&lt;Comment&gt; e) =&gt; ...)</c> receives saves of comments only, with
    /// <c>e.Instance</c> a <c>Comment</c>. Disconnect it with <c>Disconnect(receiver, sender: typeof(Comment))</c>.
    /// </summary>
    /// <param name="receiver">Called with the arguments of each send it listens to.</param>
    /// <param name="dispatchUid">A unique id: a second connect with the same id and sender is ignored.</param>
    /// <param name="order">Lower runs first; equal orders run in connect order.</param>
    /// <exception cref="ArgumentNullException"><paramref name="receiver"/> is null.</exception>
    /// <exception cref="ArgumentException"><typeparamref name="TTyped"/> is a type this signal does not send (a subclass
    /// of <typeparamref name="TArgs"/> that is not its per-sender form); an <c>async void</c> receiver.</exception>
    public void Connect<TTyped>(Action<TTyped> receiver, string? dispatchUid = null, int order = 0)
        where TTyped : TArgs
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ConnectTyped<TTyped>(receiver, new Action<object?, TArgs>((_, args) => receiver(Narrow<TTyped>(args))), dispatchUid, order);
    }

    /// <summary>Connects an async receiver of the arguments <typeparamref name="TTyped"/>.</summary>
    /// <inheritdoc cref="Connect{TTyped}(Action{TTyped}, string?, int)" />
    public void Connect<TTyped>(Func<TTyped, CancellationToken, Task> receiver, string? dispatchUid = null, int order = 0)
        where TTyped : TArgs
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ConnectTyped<TTyped>(receiver, new Func<object?, TArgs, CancellationToken, Task>((_, args, ct) => receiver(Narrow<TTyped>(args), ct)), dispatchUid, order);
    }

    /// <summary>
    /// Disconnects a receiver connected for the same <paramref name="sender"/>. A receiver connected with a dispatch uid
    /// is identified by that uid (the receiver may then be null); one connected without is identified by the receiver.
    /// </summary>
    /// <returns>True when a receiver was removed; false when nothing matched (including a different sender).</returns>
    /// <exception cref="ArgumentException">Neither <paramref name="receiver"/> nor <paramref name="dispatchUid"/> is given.</exception>
    public bool Disconnect(Delegate? receiver = null, object? sender = null, string? dispatchUid = null)
    {
        if (receiver is null && dispatchUid is null)
        {
            throw new ArgumentException("Give the receiver or its dispatch uid to disconnect.", nameof(receiver));
        }

        lock (_gate)
        {
            var entries = _state.All.Entries;
            var index = Array.FindIndex(entries, e => e.Matches(receiver, sender, dispatchUid));
            if (index < 0)
            {
                RemoveDeadReceiversLocked();
                return false;
            }

            Publish([.. entries.AsSpan(0, index), .. entries.AsSpan(index + 1)]);
            return true;
        }
    }

    /// <inheritdoc />
    public override bool HasListeners(object? sender = null)
    {
        var found = false;
        var dead = false;
        foreach (var entry in _state.All.Entries)
        {
            if (entry.IsDead)
            {
                dead = true;
            }
            else if (ReferenceEquals(entry.Sender, null) || ReferenceEquals(entry.Sender, sender))
            {
                found = true;
                break;
            }
        }

        if (dead)
        {
            RemoveDeadReceivers();
        }

        return found;
    }

    /// <summary>
    /// Sends the signal to every receiver listening to <paramref name="sender"/>, in order.
    /// </summary>
    /// <returns>Each receiver's response, in the order called; empty (and allocation-free) with no receivers.</returns>
    /// <remarks>The first exception a receiver throws propagates to the caller, and later receivers are not called.
    /// Async receivers are waited for by blocking (see the class remarks).</remarks>
    public IReadOnlyList<SignalResponse> Send(object? sender, TArgs args)
    {
        // The common cases, kept out of SendCore, whose exception handling and locals cost more than the whole send.
        var state = _state;
        if (!IsWatched && state.CallsAll(sender))
        {
            if (state.IsEmpty)
            {
                return NoResponses;
            }

            if (state.Combined is { } combined)
            {
                // Only strong sync receivers that return nothing: one multicast call does the whole send, with the
                // same contract (in order; the first exception propagates and stops the rest).
                combined(sender, args);
                return state.NullResponseList!;
            }
        }

        return SendCore(sender, args, robust: false, services: null);
    }

    /// <summary>
    /// Sends the signal to every receiver, even when some fail. A failing receiver's exception takes the place of its
    /// response (and sets <see cref="SignalResponse.Error"/>), and is logged at Error level with the receiver's name.
    /// </summary>
    /// <returns>Each receiver's response or exception, in the order called.</returns>
    /// <remarks>Nothing a receiver throws escapes, and neither does a failure of the logger itself.</remarks>
    public IReadOnlyList<SignalResponse> SendRobust(object? sender, TArgs args) => SendCore(sender, args, robust: true, services: null);

    /// <summary>The async <see cref="Send"/>: async receivers are awaited one after another, in the one receiver order.</summary>
    /// <remarks>The first exception propagates and later receivers are not called. The token is checked before each
    /// receiver and given to async receivers: once it is cancelled, <see cref="OperationCanceledException"/> propagates
    /// and the remaining receivers are not called.</remarks>
    public ValueTask<IReadOnlyList<SignalResponse>> SendAsync(object? sender, TArgs args, CancellationToken cancellationToken = default) =>
        _state.IsEmpty && !IsWatched
            ? new ValueTask<IReadOnlyList<SignalResponse>>(NoResponses)
            : SendCoreAsync(sender, args, robust: false, services: null, cancellationToken);

    /// <summary>The async <see cref="SendRobust"/>: every receiver runs; failures are logged and returned.</summary>
    /// <remarks>Cancellation is not a receiver failure: once <paramref name="cancellationToken"/> is cancelled,
    /// <see cref="OperationCanceledException"/> propagates and the remaining receivers are not called.</remarks>
    public ValueTask<IReadOnlyList<SignalResponse>> SendRobustAsync(object? sender, TArgs args, CancellationToken cancellationToken = default) =>
        SendCoreAsync(sender, args, robust: true, services: null, cancellationToken);

    /// <summary>Sends, resolving receiver classes from <paramref name="services"/> (the caller's scope).</summary>
    internal IReadOnlyList<SignalResponse> SendScoped(object? sender, TArgs args, IServiceProvider? services, bool robust = false) =>
        SendCore(sender, args, robust, services);

    /// <summary>Sends asynchronously, resolving receiver classes from <paramref name="services"/> (the caller's scope).</summary>
    internal ValueTask<IReadOnlyList<SignalResponse>> SendScopedAsync(
        object? sender, TArgs args, IServiceProvider? services, bool robust, CancellationToken cancellationToken) =>
        SendCoreAsync(sender, args, robust, services, cancellationToken);

    internal override void ConnectType(Type receiverType, Type argsType, object? sender, string? dispatchUid, int order, bool singleton)
    {
        var uid = dispatchUid ?? receiverType.FullName!;
        var invoker = singleton ? SingletonInvoker(receiverType, argsType) : ClassInvoker(receiverType, argsType);
        Add(ReceiverEntry<TArgs>.ForType(receiverType, invoker, sender, uid, order, singleton), null, sender, uid);
    }

    /// <summary>
    /// Resolves the receiver class from the given services and calls it with the arguments of a send, narrowed to the
    /// type it takes (<paramref name="argsType"/>: <typeparamref name="TArgs"/> or its per-sender form).
    /// </summary>
    /// <exception cref="InvalidOperationException">The class does not implement <c>ISignalReceiver&lt;argsType&gt;</c>.</exception>
    internal Func<IServiceProvider, object?, TArgs, CancellationToken, ValueTask> ClassInvoker(Type receiverType, Type argsType) =>
        Invoker(nameof(TypedClassInvoker), receiverType, argsType, [receiverType]);

    /// <summary>
    /// The invoker of a receiver class registered as a singleton: it resolves the instance from the host's root
    /// services at the first send and calls that instance from then on, ignoring the services a send gives it.
    /// </summary>
    private Func<IServiceProvider, object?, TArgs, CancellationToken, ValueTask> SingletonInvoker(Type receiverType, Type argsType) =>
        Invoker(nameof(TypedSingletonInvoker), receiverType, argsType, [receiverType, Services ?? throw NoServices()]);

    private Func<IServiceProvider, object?, TArgs, CancellationToken, ValueTask> Invoker(string factory, Type receiverType, Type argsType, object[] arguments)
    {
        if (!typeof(ISignalReceiver<>).MakeGenericType(argsType).IsAssignableFrom(receiverType))
        {
            throw new InvalidOperationException(
                $"{receiverType.FullName} is declared a receiver of '{Name}' but does not implement ISignalReceiver<{argsType.Name}>.");
        }

        return (Func<IServiceProvider, object?, TArgs, CancellationToken, ValueTask>)typeof(Signal<TArgs>)
            .GetMethod(factory, BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(argsType)
            .Invoke(null, arguments)!;
    }

    internal override void ConnectMethod(MethodInfo method, Type argsType, object? sender, string? dispatchUid, int order)
    {
        var name = $"{method.DeclaringType?.FullName}.{method.Name}";
        var adapted = method.IsStatic && !method.ContainsGenericParameters
            ? ((Delegate Receiver, Delegate Adapted)?)typeof(Signal<TArgs>)
                .GetMethod(nameof(AdaptMethod), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(argsType)
                .Invoke(null, [method])
            : null;
        if (adapted is not { } pair)
        {
            throw ReceiverMessages.Refused(ReceiverMessages.WrongMethodShape, name, $"has none of the shapes a receiver of '{Name}' ({argsType.Name}) may have");
        }

        try
        {
            ConnectDelegate(pair.Adapted, sender, weak: false, dispatchUid, order, identity: pair.Receiver);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"{name} is declared a receiver of '{Name}': {ex.Message}", ex);
        }
    }

    private static Func<IServiceProvider, object?, TArgs, CancellationToken, ValueTask> TypedClassInvoker<TTyped>(Type receiverType)
        where TTyped : TArgs =>
        (services, sender, args, cancellationToken) =>
            ((ISignalReceiver<TTyped>)services.GetRequiredService(receiverType)).HandleAsync(sender, Narrow<TTyped>(args), cancellationToken);

    private static Func<IServiceProvider, object?, TArgs, CancellationToken, ValueTask> TypedSingletonInvoker<TTyped>(Type receiverType, IServiceProvider root)
        where TTyped : TArgs
    {
        // Resolved at the first send rather than at connect: receivers are connected while the hub is being built, and
        // a receiver taking a signal (or anything that needs the hub) in its constructor could not be created then.
        // Two first sends racing both resolve the same singleton, so the unsynchronized cache is safe.
        ISignalReceiver<TTyped>? instance = null;
        return (_, sender, args, cancellationToken) =>
            (instance ??= (ISignalReceiver<TTyped>)root.GetRequiredService(receiverType)).HandleAsync(sender, Narrow<TTyped>(args), cancellationToken);
    }

    /// <summary>
    /// The static method as a delegate of one of the four receiver shapes over <typeparamref name="TTyped"/>, and that
    /// delegate adapted to the same shape over <typeparamref name="TArgs"/>; null when the method has none of them.
    /// </summary>
    private static (Delegate Receiver, Delegate Adapted)? AdaptMethod<TTyped>(MethodInfo method)
        where TTyped : TArgs
    {
        // Task<object?> before Task: delegate binding would also accept a Task<object?> method as a plain Task one.
        if (Delegate.CreateDelegate(typeof(Action<object?, TTyped>), method, throwOnBindFailure: false) is Action<object?, TTyped> action)
        {
            return (action, typeof(TTyped) == typeof(TArgs) ? action : new Action<object?, TArgs>((s, a) => action(s, Narrow<TTyped>(a))));
        }

        if (Delegate.CreateDelegate(typeof(Func<object?, TTyped, object?>), method, throwOnBindFailure: false) is Func<object?, TTyped, object?> function)
        {
            return (function, typeof(TTyped) == typeof(TArgs) ? function : new Func<object?, TArgs, object?>((s, a) => function(s, Narrow<TTyped>(a))));
        }

        if (Delegate.CreateDelegate(typeof(Func<object?, TTyped, CancellationToken, Task<object?>>), method, throwOnBindFailure: false)
            is Func<object?, TTyped, CancellationToken, Task<object?>> taskOfObject)
        {
            return (taskOfObject, typeof(TTyped) == typeof(TArgs)
                ? taskOfObject
                : new Func<object?, TArgs, CancellationToken, Task<object?>>((s, a, ct) => taskOfObject(s, Narrow<TTyped>(a), ct)));
        }

        if (Delegate.CreateDelegate(typeof(Func<object?, TTyped, CancellationToken, Task>), method, throwOnBindFailure: false)
            is Func<object?, TTyped, CancellationToken, Task> task)
        {
            return (task, typeof(TTyped) == typeof(TArgs)
                ? task
                : new Func<object?, TArgs, CancellationToken, Task>((s, a, ct) => task(s, Narrow<TTyped>(a), ct)));
        }

        return null;
    }

    /// <summary>The arguments of a send as the per-sender type a receiver takes; the sender filter guarantees the fit.</summary>
    private static TTyped Narrow<TTyped>(TArgs args)
        where TTyped : TArgs =>
        args is TTyped typed
            ? typed
            : throw new InvalidOperationException(
                $"A receiver of {typeof(TTyped).Name} got {args?.GetType().Name ?? "null"}: its sender sent arguments of another type.");

    private void ConnectTyped<TTyped>(Delegate receiver, Delegate adapted, string? dispatchUid, int order)
    {
        if (!Accepts(typeof(TTyped), out var sender))
        {
            throw new ArgumentException(
                $"Signal '{Name}' sends {typeof(TArgs).Name}, which has no per-sender form {typeof(TTyped).Name}: " +
                $"connect a receiver of {typeof(TArgs).Name}.",
                nameof(receiver));
        }

        ConnectDelegate(adapted, sender, weak: false, dispatchUid, order, identity: receiver);
    }

    // identity: the delegate the caller connected, when receiver adapts it: it names
    // the receiver and is what a connect or disconnect of the same receiver matches.
    private void ConnectDelegate(Delegate receiver, object? sender, bool weak, string? dispatchUid, int order, Delegate? identity = null)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        if (sender is not null && sender.GetType().IsValueType)
        {
            throw new ArgumentException(
                $"The sender {sender} is a value type: boxed anew at every send, it could never match by identity. " +
                "Use a Type or another reference as the sender.",
                nameof(sender));
        }

        // Built outside the lock, and before the duplicate check, so a refused receiver is refused every time.
        Add(ReceiverEntry<TArgs>.ForDelegate(receiver, sender, weak, dispatchUid, order, identity), identity ?? receiver, sender, dispatchUid);
    }

    private void Add(ReceiverEntry<TArgs> entry, Delegate? receiver, object? sender, string? dispatchUid)
    {
        lock (_gate)
        {
            var entries = _state.All.Entries;
            foreach (var existing in entries)
            {
                if (existing.Matches(receiver, sender, dispatchUid))
                {
                    RemoveDeadReceiversLocked();
                    return; // Django: the first registration wins.
                }
            }

            // Sorted by order, then connect order: a new entry goes after every entry of the same or a lower order.
            var index = entries.Length;
            while (index > 0 && entries[index - 1].Order > entry.Order)
            {
                index--;
            }

            Publish([.. entries.AsSpan(0, index), entry, .. entries.AsSpan(index)]);
        }
    }

    /// <summary>Replaces the receivers (dropping dead weak ones); the new state starts with an empty cache.</summary>
    private void Publish(ReceiverEntry<TArgs>[] entries)
    {
        _state = Array.Exists(entries, e => e.IsDead) ? new State(Array.FindAll(entries, e => !e.IsDead)) : new State(entries);
    }

    private void RemoveDeadReceivers()
    {
        lock (_gate)
        {
            RemoveDeadReceiversLocked();
        }
    }

    private void RemoveDeadReceiversLocked()
    {
        var entries = _state.All.Entries;
        if (Array.Exists(entries, e => e.IsDead))
        {
            Publish(entries);
        }
    }

    /// <summary>The receivers for one sender, from the cache when the signal caches.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReceiverSet<TArgs> LiveReceivers(object? sender)
    {
        var state = _state;
        if (state.CallsAll(sender))
        {
            return state.All;
        }

        return UseCaching ? state.Cached(sender) : state.Filter(sender, reused: false);
    }

    private IReadOnlyList<SignalResponse> SendCore(object? sender, TArgs args, bool robust, IServiceProvider? services)
    {
        var watch = Watch(sender, args);
        var set = LiveReceivers(sender);
        var receivers = set.Entries;
        if (receivers.Length == 0)
        {
            Observe(sender, args, NoResponses, ref watch, []);
            return NoResponses;
        }

        if (!robust && !watch.On && set.Combined is { } combined)
        {
            // Only sync receivers that return nothing: one multicast call does the whole send.
            combined(sender, args);
            return set.NullResponseList!;
        }

        var responses = new ResponseBuilder<TArgs>(set, watch.Started);
        var dead = false;
        AsyncServiceScope? ownScope = null;
        try
        {
            foreach (var entry in receivers)
            {
                Exception? failure = null;
                try
                {
                    if (entry.Action is { } action)
                    {
                        action(sender, args);
                        responses.Add(entry.Name, null);
                    }
                    else if (entry.Function is { } function)
                    {
                        responses.Add(entry.Name, function(sender, args));
                    }
                    else if (!entry.IsWeak)
                    {
                        var provider = entry.NeedsScope ? services ?? (ownScope ??= CreateScope()).ServiceProvider : null;
                        responses.Add(entry.Name, WaitFor(entry, null, sender, args, provider));
                    }
                    else if (entry.TryGetWeak() is { } weakReceiver)
                    {
                        responses.Add(entry.Name, WaitFor(entry, weakReceiver, sender, args, null));
                    }
                    else
                    {
                        dead = true;
                        responses.Skip();
                        continue;
                    }
                }
                catch (Exception ex) when (robust)
                {
                    LogFailure(entry, ex);
                    responses.Add(entry.Name, ex, ex);
                    failure = ex;
                }
                catch (Exception ex) when (watch.On)
                {
                    var partial = responses.BuildFailed(entry.Name, ex);
                    watch.ReceiverDone(this, entry.Name, responses.LastElapsed, ex);
                    Observe(sender, args, partial, ref watch, responses.Times, failed: true);
                    throw;
                }

                watch.ReceiverDone(this, entry.Name, responses.LastElapsed, failure);
            }
        }
        finally
        {
            if (ownScope is { } scope)
            {
                SyncPath.Wait(scope.DisposeAsync());
            }

            if (dead)
            {
                RemoveDeadReceivers();
            }
        }

        var result = responses.Build();
        Observe(sender, args, result, ref watch, responses.Times);
        return result;
    }

    private ValueTask<IReadOnlyList<SignalResponse>> SendCoreAsync(
        object? sender, TArgs args, bool robust, IServiceProvider? services, CancellationToken cancellationToken)
    {
        var watch = Watch(sender, args);
        var set = LiveReceivers(sender);
        if (set.Entries.Length == 0)
        {
            Observe(sender, args, NoResponses, ref watch, []);
            return new ValueTask<IReadOnlyList<SignalResponse>>(NoResponses);
        }

        if (!robust && !cancellationToken.CanBeCanceled && !watch.On && set.Combined is { } combined)
        {
            // Only sync receivers and a token that can never be cancelled: the per-receiver checks would be no-ops.
            combined(sender, args);
            return new ValueTask<IReadOnlyList<SignalResponse>>(set.NullResponseList!);
        }

        return DispatchAtOnce(set, sender, args, robust, services, watch, cancellationToken);
    }

    /// <summary>
    /// A send without an async state machine while every receiver completes at once (most do). The first receiver that
    /// does not (pending, or failed: even a robust send's failure), or that needs what only <see cref="DispatchAsync"/>
    /// does (a scope of its own, a weak target, a cancelled token), hands the send over to it from that receiver on,
    /// so failures and cancellation are handled in that one place, as in every other send.
    /// </summary>
    private ValueTask<IReadOnlyList<SignalResponse>> DispatchAtOnce(
        ReceiverSet<TArgs> set, object? sender, TArgs args, bool robust, IServiceProvider? services, SendWatch watch, CancellationToken cancellationToken)
    {
        var responses = new ResponseBuilder<TArgs>(set, watch.Started);
        var entries = set.Entries;
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            if (entry.IsWeak || (entry.NeedsScope && services is null) || cancellationToken.IsCancellationRequested)
            {
                return DispatchAsync(set, sender, args, robust, services, watch, responses, i, null, cancellationToken);
            }

            ValueTask<object?> call = default;
            try
            {
                // The two common shapes are called inline, as in DispatchAsync; the rest go through InvokeAsync.
                if (entry.TaskFunction is { } taskFunction)
                {
                    var task = taskFunction(sender, args, cancellationToken);
                    if (!task.IsCompletedSuccessfully)
                    {
                        call = ReceiverEntry<TArgs>.AwaitNull(task);
                    }
                }
                else if (entry.Action is { } action)
                {
                    action(sender, args);
                }
                else
                {
                    call = entry.InvokeAsync(null, sender, args, services, cancellationToken);
                }
            }
            catch (Exception ex) // Rethrown by DispatchAsync's await, where its catch clauses decide (as for any receiver).
            {
                call = ValueTask.FromException<object?>(ex);
            }

            if (!call.IsCompletedSuccessfully)
            {
                return DispatchAsync(set, sender, args, robust, services, watch, responses, i, call, cancellationToken);
            }

            responses.Add(entry.Name, call.Result);
            if (watch.On)
            {
                watch.ReceiverDone(this, entry.Name, responses.LastElapsed, null);
            }
        }

        var result = responses.Build();
        if (watch.On)
        {
            // The send ends with its last receiver here (no scope to dispose): its timestamp saves a clock read.
            Observe(sender, args, result, ref watch, responses.Times, ended: responses.LastAnswered);
        }

        return new ValueTask<IReadOnlyList<SignalResponse>>(result);
    }

    /// <summary>
    /// The send from receiver <paramref name="start"/> on, with the responses so far; <paramref name="started"/> is that
    /// receiver's call when <see cref="DispatchAtOnce"/> made it already (pending or failed), null to make it here.
    /// </summary>
    private async ValueTask<IReadOnlyList<SignalResponse>> DispatchAsync(
        ReceiverSet<TArgs> set, object? sender, TArgs args, bool robust, IServiceProvider? services, SendWatch watch,
        ResponseBuilder<TArgs> responses, int start, ValueTask<object?>? started, CancellationToken cancellationToken)
    {
        var entries = set.Entries;
        var dead = false;
        AsyncServiceScope? ownScope = null;
        try
        {
            for (var i = start; i < entries.Length; i++)
            {
                var entry = entries[i];
                var handedOver = i == start ? started : null;
                Delegate? weakReceiver = null;
                if (handedOver is null)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (entry.IsWeak && (weakReceiver = entry.TryGetWeak()) is null)
                    {
                        dead = true;
                        responses.Skip();
                        continue;
                    }
                }

                Exception? failure = null;
                try
                {
                    // A call DispatchAtOnce made already is awaited; the two common shapes are called inline; the
                    // rest go through InvokeAsync.
                    if (handedOver is { } call)
                    {
                        responses.Add(entry.Name, await call.ConfigureAwait(false));
                    }
                    else if (entry.TaskFunction is { } taskFunction)
                    {
                        var task = taskFunction(sender, args, cancellationToken);
                        if (!task.IsCompletedSuccessfully)
                        {
                            await task.ConfigureAwait(false);
                        }

                        responses.Add(entry.Name, null);
                    }
                    else if (entry.Action is { } action)
                    {
                        action(sender, args);
                        responses.Add(entry.Name, null);
                    }
                    else
                    {
                        var provider = entry.NeedsScope ? services ?? (ownScope ??= CreateScope()).ServiceProvider : null;
                        var pending = entry.InvokeAsync(weakReceiver, sender, args, provider, cancellationToken);
                        responses.Add(entry.Name, pending.IsCompletedSuccessfully ? pending.Result : await pending.ConfigureAwait(false));
                    }
                }
                catch (Exception ex) when (robust && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
                {
                    LogFailure(entry, ex);
                    responses.Add(entry.Name, ex, ex);
                    failure = ex;
                }
                catch (Exception ex) when (watch.On)
                {
                    var partial = responses.BuildFailed(entry.Name, ex);
                    watch.ReceiverDone(this, entry.Name, responses.LastElapsed, ex);
                    Observe(sender, args, partial, ref watch, responses.Times, failed: true);
                    throw;
                }

                watch.ReceiverDone(this, entry.Name, responses.LastElapsed, failure);
            }
        }
        finally
        {
            if (ownScope is { } scope)
            {
                await scope.DisposeAsync().ConfigureAwait(false);
            }

            if (dead)
            {
                RemoveDeadReceivers();
            }
        }

        var result = responses.Build();
        Observe(sender, args, result, ref watch, responses.Times);
        return result;
    }

    private AsyncServiceScope CreateScope() => (Services ?? throw NoServices()).CreateAsyncScope();

    private InvalidOperationException NoServices() =>
        new($"Signal '{Name}' has receiver classes but no service provider: register it with services.AddSignals(...).");

    /// <summary>The one place a sync send waits for an async receiver (see the class remarks).</summary>
    private static object? WaitFor(ReceiverEntry<TArgs> entry, Delegate? weakReceiver, object? sender, TArgs args, IServiceProvider? services)
    {
        if (entry.Kind is ReceiverKind.Action or ReceiverKind.Function
            || (SynchronizationContext.Current is null && TaskScheduler.Current == TaskScheduler.Default))
        {
            var pending = entry.InvokeAsync(weakReceiver, sender, args, services, CancellationToken.None);
            return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
        }

        // Started here, the receiver's continuations would be posted to this context, whose thread is about to block
        // waiting for them: a deadlock. On the thread pool they run without it.
        return Task.Run(() => entry.InvokeAsync(weakReceiver, sender, args, services, CancellationToken.None).AsTask())
            .GetAwaiter().GetResult();
    }

    private void LogFailure(ReceiverEntry<TArgs> entry, Exception exception)
    {
        try
        {
            Log.ReceiverFailed(Logger, exception, entry.Name, exception.Message, Name);
        }
        catch (Exception)
        {
            // The robust contract: nothing escapes, not even a failing log provider. The receiver's failure still
            // reaches the caller in its SignalResponse.
        }
    }

    /// <summary>An immutable snapshot of the receivers, with the per-sender cache that is valid for it.</summary>
    private sealed class State
    {
        private ConditionalWeakTable<object, ReceiverSet<TArgs>>? _cache;
        private ReceiverSet<TArgs>? _anySender;

        public State(ReceiverEntry<TArgs>[] entries)
        {
            All = new ReceiverSet<TArgs>(entries, reused: true);
            IsEmpty = entries.Length == 0;
            Combined = All.Combined;
            NullResponseList = All.NullResponseList;
            // A sender held weakly is never copied here: the state would keep it alive.
            var anyWeakSender = Array.Exists(entries, e => e.HasWeakSender);
            var senders = entries.Where(e => !e.HasWeakSender).Select(e => e.Sender).Where(s => s is not null)
                .Distinct(ReferenceEqualityComparer.Instance).Take(2).ToArray();
            AllListenToEverySender = senders.Length == 0 && !anyWeakSender;
            CommonSender = senders.Length == 1 && !anyWeakSender ? senders[0] : null;
        }

        public ReceiverSet<TArgs> All { get; }

        /// <summary>No receiver at all. This and the next two copy <see cref="All"/>'s, one load closer to a send.</summary>
        public bool IsEmpty { get; }

        public Action<object?, TArgs>? Combined { get; }

        public IReadOnlyList<SignalResponse>? NullResponseList { get; }

        /// <summary>True when no receiver names a sender (or none is connected): every send calls them all.</summary>
        public bool AllListenToEverySender { get; }

        /// <summary>The one sender named by receivers, when they name just one: a send from it calls them all.</summary>
        public object? CommonSender { get; }

        /// <summary>True when a send from <paramref name="sender"/> calls every receiver, so no filtering is needed.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool CallsAll(object? sender) => AllListenToEverySender || (sender is not null && ReferenceEquals(sender, CommonSender));

        public ReceiverSet<TArgs> Cached(object? sender)
        {
            if (sender is null)
            {
                return _anySender ??= Filter(null, reused: true);
            }

            var cache = LazyInitializer.EnsureInitialized(ref _cache);
            if (cache.TryGetValue(sender, out var set))
            {
                return set;
            }

            set = Filter(sender, reused: true);
            return cache.TryAdd(sender, set) ? set : cache.TryGetValue(sender, out var raced) ? raced : set;
        }

        public ReceiverSet<TArgs> Filter(object? sender, bool reused)
        {
            var all = All.Entries;
            var matching = 0;
            foreach (var entry in all)
            {
                if (entry.ListensTo(sender))
                {
                    matching++;
                }
            }

            if (matching == all.Length)
            {
                return All;
            }

            if (matching == 0)
            {
                return ReceiverSet<TArgs>.Empty;
            }

            var result = new ReceiverEntry<TArgs>[matching];
            var i = 0;
            foreach (var entry in all)
            {
                if (entry.ListensTo(sender))
                {
                    result[i++] = entry;
                }
            }

            return new ReceiverSet<TArgs>(result, reused);
        }
    }
}
