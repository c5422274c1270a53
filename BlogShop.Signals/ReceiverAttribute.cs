namespace BlogShop.Signals;

/// <summary>
/// Marks a receiver for <c>AddReceiversFrom(assembly)</c>, like Django's <c>@receiver</c>, and carries its options:
/// a class implementing <see cref="ISignalReceiver{TArgs}"/>, or a static method. The signal is not named here: it is
/// the one whose argument type the receiver takes (<c>ISignalReceiver&lt;OrderPlaced&gt;</c> receives the
/// <c>Signal&lt;OrderPlaced&gt;</c> of the host; <c>ISignalReceiver&lt;PostSave&lt;Comment&gt;&gt;</c> receives post_save
/// from <c>Comment</c> only). Repeat the attribute to receive from several senders.
/// </summary>
/// <remarks>
/// A static method takes <c>(object? sender, TArgs args)</c> and returns nothing or a response, or takes
/// <c>(object? sender, TArgs args, CancellationToken cancellationToken)</c> and returns <see cref="Task"/> or
/// <c>Task&lt;object?&gt;</c>. A mistake (an argument type no signal of the host takes, or that two signals take; a
/// class that implements no <see cref="ISignalReceiver{TArgs}"/>; a wrong method shape; an abstract class, an instance
/// method, a lambda or local function; a <see cref="Sender"/> that contradicts the argument type; <see cref="OnCommit"/>
/// on a method) is a build error (BSIG0001-BSIG0010) from the analyzer this package brings, with the message the
/// startup check throws as <see cref="InvalidOperationException"/>. The startup check stays for what only the host
/// knows (which signals it added, two signals taking one type) and for receivers compiled without the analyzer: a
/// receiver is never left silently unconnected.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class ReceiverAttribute : Attribute
{
    /// <summary>Receive only from this sender (matched by identity, e.g. <c>typeof(Order)</c>); null receives from
    /// all. Not needed when the argument type names the sender already (<c>PostSave&lt;Comment&gt;</c>).</summary>
    public Type? Sender { get; set; }

    /// <summary>A unique id that prevents a second registration for the same sender; defaults to the class's full
    /// name (a method has none by default: the method itself identifies it).</summary>
    public string? DispatchUid { get; set; }

    /// <summary>Lower values run first; receivers with the same order run in connect order.</summary>
    public int Order { get; set; }

    /// <summary>
    /// Run the receiver class only after the database transaction that made the change commits (model signals sent by
    /// a DbContext configured with <c>UseSignals</c>, BlogShop.Signals.EntityFrameworkCore): after <c>Commit</c> inside
    /// an explicit transaction, right after <c>SaveChanges</c> succeeds without one, and never when the transaction
    /// rolls back or <c>SaveChanges</c> fails. A send that does not come from such a DbContext runs the receiver at
    /// once. A failure of a deferred receiver is logged at Error level and does not fail the commit, which has
    /// already happened. Receiver classes only: on a method it is refused (BSIG0009; at startup,
    /// <see cref="InvalidOperationException"/>).
    /// </summary>
    public bool OnCommit { get; set; }
}
