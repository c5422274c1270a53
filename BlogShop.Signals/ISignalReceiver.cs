namespace BlogShop.Signals;

/// <summary>
/// A receiver class (Django's <c>@receiver</c> function, with dependency injection). Mark the class with
/// <see cref="ReceiverAttribute"/> and register it with <c>services.AddSignals(s =&gt; s.AddReceiversFrom(assembly))</c>;
/// it is connected when its signal is first resolved from the container.
/// </summary>
/// <remarks>
/// An instance is resolved per send from a dependency-injection scope: the scope the sender runs in when the sender
/// has one (the request scope for model signals raised by a request's DbContext), otherwise a new scope created for
/// that one send and disposed after it. A class may implement this interface for several argument types to receive
/// several signals. An exception thrown here is handled as the send says: <c>Send</c> propagates it,
/// <c>SendRobust</c> logs it and returns it.
/// </remarks>
/// <typeparam name="TArgs">The argument record of the signal received.</typeparam>
public interface ISignalReceiver<in TArgs>
{
    /// <summary>Handles one send of the signal.</summary>
    /// <param name="sender">The sender (for model signals, the entity type).</param>
    /// <param name="args">The signal's arguments.</param>
    /// <param name="cancellationToken">Cancelled when the send is.</param>
    ValueTask HandleAsync(object? sender, TArgs args, CancellationToken cancellationToken);
}
