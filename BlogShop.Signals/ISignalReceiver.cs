namespace BlogShop.Signals;

/// <summary>
/// A receiver class (Django's <c>@receiver</c> function, with dependency injection) of the signal whose argument type
/// is <typeparamref name="TArgs"/>. Register it with <c>services.AddSignals(s =&gt; s.AddReceiver&lt;T&gt;())</c>, or
/// mark it with <see cref="ReceiverAttribute"/> and register its assembly with <c>AddReceiversFrom(assembly)</c>;
/// it is connected when the host starts.
/// </summary>
/// <remarks>
/// The argument type picks the signal, so the compiler checks what a receiver gets: a receiver of
/// <c>ISignalReceiver&lt;OrderPlaced&gt;</c> is connected to the host's <c>Signal&lt;OrderPlaced&gt;</c>; a signal whose
/// arguments come typed per sender (the model signals: <c>PostSave&lt;Comment&gt;</c>) connects it for that sender only.
/// An instance is resolved per send from a dependency-injection scope: the scope the sender runs in when the sender
/// has one (the request scope for model signals raised by a request's DbContext), otherwise a new scope created for
/// that one send and disposed after it. A class the host registers as a singleton itself (<c>services.AddSingleton&lt;T&gt;()</c>,
/// before or after <c>AddSignals</c>) is instead resolved once, at its first send, and that instance handles every send
/// (no scope is created for it): worth it for a stateless receiver on a hot path, such as one that logs each request.
/// A class may implement this interface for several argument types to receive
/// several signals. An exception thrown here is handled as the send says: <c>Send</c> propagates it,
/// <c>SendRobust</c> logs it and returns it.
/// </remarks>
/// <typeparam name="TArgs">The argument type of the signal received.</typeparam>
public interface ISignalReceiver<in TArgs>
{
    /// <summary>Handles one send of the signal.</summary>
    /// <param name="sender">The sender (for model signals, the entity type).</param>
    /// <param name="args">The signal's arguments.</param>
    /// <param name="cancellationToken">Cancelled when the send is.</param>
    ValueTask HandleAsync(object? sender, TArgs args, CancellationToken cancellationToken);
}
