using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using BlogShop.Signals.Dispatch;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlogShop.Signals;

/// <summary>
/// A signal: Django's <c>django.dispatch.Signal</c>. Receivers connect to it and get <c>(sender, args)</c> on each send.
/// </summary>
/// <remarks>
/// <para><b>Order.</b> Receivers run by <c>order</c> (lower first), then in connect order. Sync and async receivers
/// share that one order in every send; Django instead runs sync receivers before async ones.</para>
/// <para><b>Async receivers and the sync sends.</b> <see cref="Send"/> and <see cref="SendRobust"/> also run async
/// receivers: each one is awaited to completion by blocking the calling thread (Django's <c>async_to_sync</c>).
/// In async code use <see cref="SendAsync"/> / <see cref="SendRobustAsync"/>, which await them.</para>
/// <para><b>Threads.</b> Connect, disconnect and send may run concurrently. A send works on the receivers connected
/// when it started: a receiver that disconnects itself or another during a send does not change that send.</para>
/// <para><b>Weak receivers</b> (<c>weak: true</c>) hold their target object weakly: once it is collected the receiver
/// is never called again and is removed. A lambda or closure cannot be weak (nothing else holds it, so it would vanish
/// at once); connecting one weakly throws <see cref="ArgumentException"/> rather than losing it silently.</para>
/// </remarks>
/// <typeparam name="TArgs">The record carrying the signal's named arguments.</typeparam>
public class Signal<TArgs> : Signal
{
    private static readonly SignalResponse[] NoResponses = [];

    private readonly Lock _gate = new();
    private volatile State _state = new([]);
    private long _sequence;

    /// <summary>Creates a signal.</summary>
    /// <param name="name">The signal's name (receiver classes name it in <see cref="ReceiverAttribute"/>).</param>
    /// <param name="useCaching">Cache the receivers of each sender until the next connect or disconnect.</param>
    /// <param name="logger">Where <see cref="SendRobust"/> logs failing receivers; a signal registered with
    /// <c>AddSignals</c> gets the host's logger.</param>
    public Signal(string name, bool useCaching = false, ILogger? logger = null)
        : base(name, useCaching, logger)
    {
    }

    /// <inheritdoc />
    public override Type ArgsType => typeof(TArgs);

    /// <summary>The number of connected receivers, dead weak ones included until they are cleaned up.</summary>
    internal int ReceiverCount => _state.Entries.Length;

    /// <summary>Connects a receiver that returns nothing.</summary>
    /// <param name="receiver">Called with <c>(sender, args)</c>.</param>
    /// <param name="sender">Receive only from this sender (matched by identity); null receives from every sender.</param>
    /// <param name="weak">Hold the receiver's target weakly (see the class remarks).</param>
    /// <param name="dispatchUid">A unique id; a second connect with the same id and sender is ignored.</param>
    /// <param name="order">Lower runs first; equal orders run in connect order.</param>
    /// <exception cref="ArgumentException">A lambda or closure connected with <paramref name="weak"/>.</exception>
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
    /// Disconnects a receiver connected with the same <paramref name="sender"/> (and, when it was connected with one,
    /// the same <paramref name="dispatchUid"/>, which then identifies it without the receiver).
    /// </summary>
    /// <returns>True when a receiver was removed; false when nothing matched.</returns>
    public bool Disconnect(Delegate? receiver = null, object? sender = null, string? dispatchUid = null)
    {
        if (receiver is null && dispatchUid is null)
        {
            throw new ArgumentException("Give the receiver or its dispatch uid to disconnect.", nameof(receiver));
        }

        lock (_gate)
        {
            var entries = _state.Entries;
            var index = Array.FindIndex(entries, e => e.Matches(receiver, sender, dispatchUid));
            if (index < 0)
            {
                return false;
            }

            _state = new State([.. entries.AsSpan(0, index), .. entries.AsSpan(index + 1)]);
            return true;
        }
    }

    /// <inheritdoc />
    public override bool HasListeners(object? sender = null)
    {
        var found = false;
        var dead = false;
        foreach (var entry in _state.Entries)
        {
            if (entry.IsDead)
            {
                dead = true;
            }
            else if (entry.ListensTo(sender))
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
    /// Async receivers are run to completion by blocking (see the class remarks).</remarks>
    public IReadOnlyList<SignalResponse> Send(object? sender, TArgs args) => SendCore(sender, args, robust: false, services: null);

    /// <summary>
    /// Sends the signal to every receiver, even when some fail. A failing receiver's exception takes the place of its
    /// response (and sets <see cref="SignalResponse.Error"/>), and is logged at Error level with the receiver's name.
    /// </summary>
    /// <returns>Each receiver's response or exception, in the order called.</returns>
    public IReadOnlyList<SignalResponse> SendRobust(object? sender, TArgs args) => SendCore(sender, args, robust: true, services: null);

    /// <summary>The async <see cref="Send"/>: async receivers are awaited, in the one receiver order.</summary>
    /// <remarks>The first exception propagates and later receivers are not called.</remarks>
    public ValueTask<IReadOnlyList<SignalResponse>> SendAsync(object? sender, TArgs args, CancellationToken cancellationToken = default) =>
        SendCoreAsync(sender, args, robust: false, services: null, cancellationToken);

    /// <summary>The async <see cref="SendRobust"/>: every receiver runs; failures are logged and returned.</summary>
    /// <remarks>Cancellation is not a receiver failure: an <see cref="OperationCanceledException"/> for
    /// <paramref name="cancellationToken"/> propagates.</remarks>
    public ValueTask<IReadOnlyList<SignalResponse>> SendRobustAsync(object? sender, TArgs args, CancellationToken cancellationToken = default) =>
        SendCoreAsync(sender, args, robust: true, services: null, cancellationToken);

    /// <summary>Sends, resolving receiver classes from <paramref name="services"/> (the caller's scope).</summary>
    internal IReadOnlyList<SignalResponse> SendScoped(object? sender, TArgs args, IServiceProvider? services, bool robust = false) =>
        SendCore(sender, args, robust, services);

    /// <summary>Sends asynchronously, resolving receiver classes from <paramref name="services"/> (the caller's scope).</summary>
    internal ValueTask<IReadOnlyList<SignalResponse>> SendScopedAsync(
        object? sender, TArgs args, IServiceProvider? services, bool robust, CancellationToken cancellationToken) =>
        SendCoreAsync(sender, args, robust, services, cancellationToken);

    internal override void ConnectType(Type receiverType, object? sender, string? dispatchUid, int order)
    {
        if (!typeof(ISignalReceiver<TArgs>).IsAssignableFrom(receiverType))
        {
            throw new InvalidOperationException(
                $"{receiverType.FullName} is declared a receiver of '{Name}' but does not implement " +
                $"ISignalReceiver<{typeof(TArgs).Name}>.");
        }

        Add(seq => ReceiverEntry<TArgs>.ForType(receiverType, sender, dispatchUid, order, seq), null, sender, dispatchUid ?? receiverType.FullName);
    }

    internal override void ConnectMethod(MethodInfo method, object? sender, string? dispatchUid, int order)
    {
        Type[] shapes =
        [
            typeof(Action<object?, TArgs>),
            typeof(Func<object?, TArgs, object?>),
            typeof(Func<object?, TArgs, CancellationToken, Task>),
            typeof(Func<object?, TArgs, CancellationToken, Task<object?>>),
        ];
        var receiver = method.IsStatic
            ? shapes.Select(shape => Delegate.CreateDelegate(shape, method, throwOnBindFailure: false)).FirstOrDefault(d => d is not null)
            : null;
        if (receiver is null)
        {
            throw new InvalidOperationException(
                $"{method.DeclaringType?.FullName}.{method.Name} is declared a receiver of '{Name}' but is not a static method " +
                $"taking (object? sender, {typeof(TArgs).Name} args[, CancellationToken]) and returning void, object, Task or Task<object?>.");
        }

        ConnectDelegate(receiver, sender, weak: false, dispatchUid, order);
    }

    private void ConnectDelegate(Delegate receiver, object? sender, bool weak, string? dispatchUid, int order)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        var invoker = Invoker<TArgs>.From(receiver);
        Add(seq => ReceiverEntry<TArgs>.ForDelegate(receiver, invoker, sender, weak, dispatchUid, order, seq), receiver, sender, dispatchUid);
    }

    private void Add(Func<long, ReceiverEntry<TArgs>> create, Delegate? receiver, object? sender, string? dispatchUid)
    {
        lock (_gate)
        {
            var entries = _state.Entries;
            foreach (var existing in entries)
            {
                if (existing.Matches(receiver, sender, dispatchUid))
                {
                    return; // Django: the first registration wins.
                }
            }

            var entry = create(++_sequence);

            // Sorted by (order, sequence); a new entry goes after every entry of the same or a lower order.
            var index = entries.Length;
            while (index > 0 && entries[index - 1].Order > entry.Order)
            {
                index--;
            }

            _state = new State([.. entries.AsSpan(0, index), entry, .. entries.AsSpan(index)]);
        }
    }

    private void RemoveDeadReceivers()
    {
        lock (_gate)
        {
            var entries = _state.Entries;
            if (Array.Exists(entries, e => e.IsDead))
            {
                _state = new State(Array.FindAll(entries, e => !e.IsDead));
            }
        }
    }

    /// <summary>The receivers for one sender, from the cache when the signal caches.</summary>
    private ReceiverEntry<TArgs>[] LiveReceivers(object? sender)
    {
        var state = _state;
        if (state.Entries.Length == 0)
        {
            return state.Entries;
        }

        if (!UseCaching)
        {
            return state.Filter(sender);
        }

        if (sender is null)
        {
            return state.AnySenderCache ??= state.Filter(null);
        }

        return state.Cache.GetValue(sender, state.Filter);
    }

    private SignalResponse[] SendCore(object? sender, TArgs args, bool robust, IServiceProvider? services)
    {
        var started = Observers is null ? 0 : Stopwatch.GetTimestamp();
        var receivers = LiveReceivers(sender);
        if (receivers.Length == 0)
        {
            Observe(sender, args, NoResponses, started);
            return NoResponses;
        }

        var responses = new SignalResponse[receivers.Length];
        var count = 0;
        var dead = false;
        AsyncServiceScope? ownScope = null;
        try
        {
            foreach (var entry in receivers)
            {
                var sync = entry.Sync;
                var async = entry.Async;
                if (entry.IsWeak)
                {
                    if (entry.BindWeak() is not { } bound)
                    {
                        dead = true;
                        continue;
                    }

                    (sync, async) = bound;
                }

                try
                {
                    object? response;
                    if (sync is not null)
                    {
                        response = sync(sender, args);
                    }
                    else if (async is not null)
                    {
                        response = Wait(async(sender, args, CancellationToken.None));
                    }
                    else
                    {
                        var provider = services ?? (ownScope ??= CreateScope()).ServiceProvider;
                        response = Wait(InvokeType(entry, provider, sender, args, CancellationToken.None));
                    }

                    responses[count++] = new SignalResponse(entry.Name, response);
                }
                catch (Exception ex) when (robust)
                {
                    LogFailure(entry, ex);
                    responses[count++] = new SignalResponse(entry.Name, ex, ex);
                }
                catch (Exception ex) when (Observers is not null)
                {
                    Observe(sender, args, [.. responses.AsSpan(0, count), new SignalResponse(entry.Name, ex, ex)], started);
                    throw;
                }
            }
        }
        finally
        {
            ownScope?.Dispose();
            if (dead)
            {
                RemoveDeadReceivers();
            }
        }

        var result = count == responses.Length ? responses : responses[..count];
        Observe(sender, args, result, started);
        return result;
    }

    private ValueTask<IReadOnlyList<SignalResponse>> SendCoreAsync(
        object? sender, TArgs args, bool robust, IServiceProvider? services, CancellationToken cancellationToken)
    {
        var started = Observers is null ? 0 : Stopwatch.GetTimestamp();
        var receivers = LiveReceivers(sender);
        if (receivers.Length == 0)
        {
            Observe(sender, args, NoResponses, started);
            return new ValueTask<IReadOnlyList<SignalResponse>>(NoResponses);
        }

        return DispatchAsync(receivers, sender, args, robust, services, started, cancellationToken);
    }

    private async ValueTask<IReadOnlyList<SignalResponse>> DispatchAsync(
        ReceiverEntry<TArgs>[] receivers, object? sender, TArgs args, bool robust, IServiceProvider? services, long started, CancellationToken cancellationToken)
    {
        var responses = new SignalResponse[receivers.Length];
        var count = 0;
        var dead = false;
        AsyncServiceScope? ownScope = null;
        try
        {
            foreach (var entry in receivers)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var sync = entry.Sync;
                var async = entry.Async;
                if (entry.IsWeak)
                {
                    if (entry.BindWeak() is not { } bound)
                    {
                        dead = true;
                        continue;
                    }

                    (sync, async) = bound;
                }

                try
                {
                    object? response;
                    if (sync is not null)
                    {
                        response = sync(sender, args);
                    }
                    else if (async is not null)
                    {
                        response = await async(sender, args, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        var provider = services ?? (ownScope ??= CreateScope()).ServiceProvider;
                        response = await InvokeType(entry, provider, sender, args, cancellationToken).ConfigureAwait(false);
                    }

                    responses[count++] = new SignalResponse(entry.Name, response);
                }
                catch (Exception ex) when (robust && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
                {
                    LogFailure(entry, ex);
                    responses[count++] = new SignalResponse(entry.Name, ex, ex);
                }
                catch (Exception ex) when (Observers is not null)
                {
                    Observe(sender, args, [.. responses.AsSpan(0, count), new SignalResponse(entry.Name, ex, ex)], started);
                    throw;
                }
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

        var result = count == responses.Length ? responses : responses[..count];
        Observe(sender, args, result, started);
        return result;
    }

    private AsyncServiceScope CreateScope() =>
        (Services ?? throw new InvalidOperationException(
            $"Signal '{Name}' has receiver classes but no service provider: register it with services.AddSignals(...)."))
        .CreateAsyncScope();

    private static async ValueTask<object?> InvokeType(
        ReceiverEntry<TArgs> entry, IServiceProvider provider, object? sender, TArgs args, CancellationToken cancellationToken)
    {
        var receiver = (ISignalReceiver<TArgs>)provider.GetRequiredService(entry.ReceiverType!);
        await receiver.HandleAsync(sender, args, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>The one place a sync send waits for an async receiver.</summary>
    private static object? Wait(ValueTask<object?> pending) =>
        pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();

    private void LogFailure(ReceiverEntry<TArgs> entry, Exception exception) =>
        Log.ReceiverFailed(Logger, exception, entry.Name, Name);

    /// <summary>An immutable snapshot of the receivers, with the per-sender cache that is valid for it.</summary>
    private sealed class State(ReceiverEntry<TArgs>[] entries)
    {
        public ReceiverEntry<TArgs>[] Entries { get; } = entries;

        private ConditionalWeakTable<object, ReceiverEntry<TArgs>[]>? _cache;

        /// <summary>Created on first use: only caching signals need it.</summary>
        public ConditionalWeakTable<object, ReceiverEntry<TArgs>[]> Cache => LazyInitializer.EnsureInitialized(ref _cache);

        public ReceiverEntry<TArgs>[]? AnySenderCache { get; set; }

        public ReceiverEntry<TArgs>[] Filter(object? sender)
        {
            var all = Entries;
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
                return all;
            }

            if (matching == 0)
            {
                return [];
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

            return result;
        }
    }
}
