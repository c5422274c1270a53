namespace BlogShop.Signals;

/// <summary>
/// Declares a receiver, like Django's <c>@receiver(signal, sender=..., dispatch_uid=...)</c>: a class implementing
/// <see cref="ISignalReceiver{TArgs}"/>, or a static method. Repeat the attribute to connect it to several signals
/// (or to one signal for several senders).
/// </summary>
/// <remarks>
/// A class must implement <see cref="ISignalReceiver{TArgs}"/> for the argument type of every signal it names. A static
/// method takes <c>(object? sender, TArgs args)</c> and returns nothing or a response, or takes
/// <c>(object? sender, TArgs args, CancellationToken cancellationToken)</c> and returns <see cref="Task"/> or
/// <c>Task&lt;object?&gt;</c>. A mistake (an unknown signal name, a missing interface, a wrong method shape, an abstract
/// class or an instance method) throws <see cref="InvalidOperationException"/> at startup, naming the receiver and
/// the signal, rather than leaving a receiver silently unconnected.
/// </remarks>
/// <param name="signal">The signal's name, as Django spells it: <c>"pre_save"</c>, <c>"post_save"</c>,
/// <c>"request_started"</c>, or the name given to a custom signal.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class ReceiverAttribute(string signal) : Attribute
{
    /// <summary>The name of the signal received.</summary>
    public string Signal { get; } = signal;

    /// <summary>Receive only from this sender (matched by identity, e.g. <c>typeof(Article)</c>); null receives from all.</summary>
    public Type? Sender { get; set; }

    /// <summary>A unique id that prevents a second registration for the same sender; defaults to the class's full
    /// name (a method has none by default: the method itself identifies it).</summary>
    public string? DispatchUid { get; set; }

    /// <summary>Lower values run first; receivers with the same order run in connect order.</summary>
    public int Order { get; set; }

    /// <summary>
    /// Run the receiver only after the database transaction that made the change commits (model signals sent by a
    /// DbContext configured with <c>UseSignals</c>): after <c>Commit</c> inside an explicit transaction, right after
    /// <c>SaveChanges</c> succeeds without one, and never when the transaction rolls back or <c>SaveChanges</c> fails.
    /// A send that does not come from such a DbContext runs the receiver at once. A failure of a deferred receiver is
    /// logged at Error level and does not fail the commit, which has already happened.
    /// </summary>
    public bool OnCommit { get; set; }
}
