using System.Diagnostics;
using System.Reflection;
using BlogShop.Signals.Dispatch;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BlogShop.Signals;

/// <summary>
/// What every signal has, whatever its arguments: a name and its listeners. Use <see cref="Signal{TArgs}"/>.
/// </summary>
public abstract class Signal
{
    /// <summary>
    /// The answer to a send nobody receives. Here rather than in <see cref="Signal{TArgs}"/>: a static of a generic
    /// class costs a lookup in code shared between argument types, and this is the hot path.
    /// </summary>
    private protected static readonly IReadOnlyList<SignalResponse> NoResponses = [];

    private protected Signal(string name, bool useCaching, ILogger? logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        UseCaching = useCaching;
        Logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The signal's name, as Django spells it (<c>post_save</c>): data for logs, traces and diagnostics pages.</summary>
    public string Name { get; }

    /// <summary>Whether the receivers of each sender are cached between sends (Django's <c>use_caching</c>).</summary>
    public bool UseCaching { get; }

    /// <summary>The argument record type receivers get.</summary>
    public abstract Type ArgsType { get; }

    /// <summary>
    /// The generic argument type with one type parameter, the sender, deriving from <see cref="ArgsType"/>, in which
    /// this signal's sends come (<c>PostSave&lt;&gt;</c>: a save of a <c>Comment</c> is sent from <c>typeof(Comment)</c>
    /// with a <c>PostSave&lt;Comment&gt;</c>); null for a signal whose arguments are the same for every sender.
    /// </summary>
    internal Type? ArgsBySender { get; init; }

    private protected ILogger Logger { get; private set; }

    /// <summary>The root service provider receiver classes are resolved from when a send brings no scope.</summary>
    private protected IServiceProvider? Services { get; private set; }

    /// <summary>The host's <see cref="ISignalObserver"/>s; null when there are none (the send path skips observing).</summary>
    private protected ISignalObserver[]? Observers { get; private set; }

    /// <summary>
    /// Django's <c>has_listeners</c>: true when a live receiver would get a send from <paramref name="sender"/>.
    /// With no sender, only receivers connected for every sender count.
    /// </summary>
    public abstract bool HasListeners(object? sender = null);

    /// <inheritdoc />
    public override string ToString() => $"Signal {Name} ({ArgsType.Name})";

    /// <summary>Binds the signal to the host that owns it: its logger and its root services.</summary>
    internal void Attach(IServiceProvider services, ILogger logger)
    {
        Services = services;
        Logger = logger;
        var observers = services.GetServices<ISignalObserver>().ToArray();
        Observers = observers.Length == 0 ? null : observers;
    }

    /// <summary>The name of this signal's send activity (<c>send post_save</c>).</summary>
    internal string ActivityName => field ??= "send " + Name;

    /// <summary>
    /// True when every send must happen, also one nobody receives: the host has observers, or somebody listens to the
    /// telemetry.
    /// </summary>
    internal bool IsWatched => Observers is not null || SignalsTelemetry.Enabled;

    /// <summary>
    /// Whether a send from <paramref name="sender"/> must happen: someone receives it, or it is watched.
    /// Callers that skip building a send's arguments when nobody listens (the EF Core model signals) ask this.
    /// </summary>
    internal bool IsSentTo(object? sender) => IsWatched || HasListeners(sender);

    /// <summary>
    /// Starts watching a send: tells the observers it starts, then starts its telemetry. The default (unwatched)
    /// value when nobody observes or listens. An observer's failure is logged, never propagated.
    /// </summary>
    private protected SendWatch Watch(object? sender, object? args)
    {
        var telemetry = SignalsTelemetry.Enabled;
        if (Observers is not { } observers)
        {
            return telemetry ? SendWatch.Start(this, sender, telemetry) : default;
        }

        foreach (var observer in observers)
        {
            try
            {
                observer.OnSending(this, sender, args);
            }
            catch (Exception ex) // An observer only watches: what it throws must not change the send it watched.
            {
                ObserverLog.ObserverFailed(Logger, ex, observer.GetType().Name, Name);
            }
        }

        return SendWatch.Start(this, sender, telemetry);
    }

    /// <summary>
    /// Ends a watched send: the telemetry, then the observers. An observer's failure is logged, never propagated.
    /// <c>failed</c> is true when a receiver's exception is failing the send (its response is the last one);
    /// <c>ended</c> the Stopwatch timestamp the send ended at when the caller has it already (0: now).
    /// </summary>
    private protected void Observe(
        object? sender, object? args, IReadOnlyList<SignalResponse> responses, ref SendWatch watch, IReadOnlyList<TimeSpan> receiverElapsed,
        bool failed = false, long ended = 0)
    {
        if (!watch.On)
        {
            return;
        }

        watch.Finish(responses.Count, failed);
        if (Observers is not { } observers)
        {
            return;
        }

        var elapsed = ended == 0 ? Stopwatch.GetElapsedTime(watch.Started) : Stopwatch.GetElapsedTime(watch.Started, ended);
        var sent = new SignalSent(this, sender, args, responses, elapsed) { ReceiverElapsed = receiverElapsed, StartTimestamp = watch.Started };
        foreach (var observer in observers)
        {
            try
            {
                observer.OnSent(sent);
            }
            catch (Exception ex) // An observer only watches: what it throws must not change the send it watched.
            {
                ObserverLog.ObserverFailed(Logger, ex, observer.GetType().Name, Name);
            }
        }
    }

    /// <summary>
    /// True when a receiver taking <paramref name="argsType"/> receives this signal: <see cref="ArgsType"/> itself
    /// (from every sender, <paramref name="sender"/> null), or its per-sender form (from that sender only).
    /// </summary>
    internal bool Accepts(Type argsType, out Type? sender)
    {
        sender = null;
        if (argsType == ArgsType)
        {
            return true;
        }

        if (ArgsBySender is { } perSender && argsType.IsConstructedGenericType && argsType.GetGenericTypeDefinition() == perSender)
        {
            sender = argsType.GetGenericArguments()[0];
            return true;
        }

        return false;
    }

    /// <summary>The names of the receivers a send from <paramref name="sender"/> would call (for error messages).</summary>
    internal abstract IEnumerable<string> ReceiverNames(object? sender);

    /// <summary>Connects a receiver class; <paramref name="singleton"/> when it is registered as a singleton (then it is
    /// resolved once, from the root services, at its first send).</summary>
    internal abstract void ConnectType(Type receiverType, Type argsType, object? sender, string? dispatchUid, int order, bool singleton);

    internal abstract void ConnectMethod(MethodInfo method, Type argsType, object? sender, string? dispatchUid, int order);
}
