namespace BlogShop.Signals;

/// <summary>
/// One receiver's answer to a send: Django's <c>(receiver, response)</c> pair.
/// </summary>
/// <param name="Receiver">A readable name of the receiver (<c>Type.Method</c>, or the receiver class name).</param>
/// <param name="Response">What the receiver returned (null for receivers that return nothing). For a receiver that
/// failed under <c>SendRobust</c>, the exception it threw, as in Django.</param>
/// <param name="Error">The exception a receiver threw under <c>SendRobust</c>; null when it succeeded.</param>
public readonly record struct SignalResponse(string Receiver, object? Response, Exception? Error = null)
{
    /// <summary>True when the receiver threw (only possible with the robust sends).</summary>
    public bool Failed => Error is not null;
}
