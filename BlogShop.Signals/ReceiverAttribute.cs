namespace BlogShop.Signals;

/// <summary>
/// Declares a receiver class, like Django's <c>@receiver(signal, sender=..., dispatch_uid=...)</c>. Repeat the attribute
/// to connect the class to several signals (or to one signal for several senders).
/// </summary>
/// <remarks>
/// The class must implement <see cref="ISignalReceiver{TArgs}"/> for the argument type of every signal it names.
/// A mistake (an unknown signal name, a missing interface) throws <see cref="InvalidOperationException"/> when the
/// signals are resolved at startup, naming the class and the signal, rather than leaving a receiver silently unconnected.
/// </remarks>
/// <param name="signal">The signal's name, as Django spells it: <c>"pre_save"</c>, <c>"post_save"</c>,
/// <c>"request_started"</c>, or the name given to a custom signal.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ReceiverAttribute(string signal) : Attribute
{
    /// <summary>The name of the signal received.</summary>
    public string Signal { get; } = signal;

    /// <summary>Receive only from this sender (matched by identity, e.g. <c>typeof(Article)</c>); null receives from all.</summary>
    public Type? Sender { get; set; }

    /// <summary>A unique id that prevents a second registration; defaults to the class.</summary>
    public string? DispatchUid { get; set; }

    /// <summary>Lower values run first; receivers with the same order run in connect order.</summary>
    public int Order { get; set; }
}
