namespace BlogShop.Signals;

/// <summary>
/// Watches every send of a host's signals (e.g. to show them on a diagnostics page). Register implementations as
/// singletons with <c>services.AddSingleton&lt;ISignalObserver, MyObserver&gt;()</c>; the host's signals call each one
/// after every send, including sends with no receivers and sends a receiver failed.
/// </summary>
/// <remarks>
/// Called on the sending thread, synchronously: keep it fast. An exception thrown here is logged and ignored: it never
/// changes the send's outcome. An observer is resolved when the signals are created, so it must not depend on a
/// signal or on a service that does. While an observer is registered the EF Core model signals are sent even when
/// nobody receives them (so a page can show that <c>pre_delete</c> was sent); without one such sends stay skipped.
/// </remarks>
public interface ISignalObserver
{
    /// <summary>Called before a send's receivers run (e.g. to note an instance's values before pre_save changes
    /// them). Does nothing unless implemented.</summary>
    void OnSending(Signal signal, object? sender, object? args)
    {
    }

    /// <summary>Called once a send has finished (or failed).</summary>
    void OnSent(SignalSent sent);
}

/// <summary>One finished send, as an <see cref="ISignalObserver"/> sees it.</summary>
/// <param name="Signal">The signal sent.</param>
/// <param name="Sender">The sender.</param>
/// <param name="Args">The signal's arguments.</param>
/// <param name="Responses">Each receiver called, in order, with its response or error. When a receiver failed a
/// non-robust send, it is the last one and the exception went on to the caller.</param>
/// <param name="Elapsed">How long the send took.</param>
public sealed record SignalSent(Signal Signal, object? Sender, object? Args, IReadOnlyList<SignalResponse> Responses, TimeSpan Elapsed)
{
    /// <summary>How long each receiver took, in the order of <see cref="Responses"/>.</summary>
    public IReadOnlyList<TimeSpan> ReceiverElapsed { get; init; } = [];

    /// <summary>When the send began, as a <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> value (0 when not
    /// known): with <see cref="Elapsed"/> it places the send on a timeline, e.g. inside another send.</summary>
    public long StartTimestamp { get; init; }
}
