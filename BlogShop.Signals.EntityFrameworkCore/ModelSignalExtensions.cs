namespace BlogShop.Signals.EntityFrameworkCore;

/// <summary>Typed receivers for the model signals: <c>modelSignals.PostSave.Connect&lt;Article&gt;((article, e) =&gt; ...)</c>.</summary>
public static class ModelSignalExtensions
{
    /// <summary>
    /// Connects a receiver of saves of <typeparamref name="TEntity"/> (sender <c>typeof(TEntity)</c>), given the
    /// instance already typed. A new wrapper is connected on every call: give a <paramref name="dispatchUid"/> to keep
    /// one registration and to disconnect it (<c>signal.Disconnect(dispatchUid: ..., sender: typeof(TEntity))</c>).
    /// </summary>
    /// <remarks>An exception the receiver throws propagates out of SaveChanges, as for any receiver.</remarks>
    public static void Connect<TEntity>(this Signal<SaveArgs> signal, Action<TEntity, SaveArgs> receiver, string? dispatchUid = null, int order = 0)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(receiver);
        signal.Connect((_, e) => receiver((TEntity)e.Instance, e), typeof(TEntity), dispatchUid: dispatchUid, order: order);
    }

    /// <summary>Connects an async receiver of saves of <typeparamref name="TEntity"/>.</summary>
    /// <inheritdoc cref="Connect{TEntity}(Signal{SaveArgs}, Action{TEntity, SaveArgs}, string?, int)" />
    public static void Connect<TEntity>(this Signal<SaveArgs> signal, Func<TEntity, SaveArgs, CancellationToken, Task> receiver, string? dispatchUid = null, int order = 0)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(receiver);
        signal.Connect((_, e, ct) => receiver((TEntity)e.Instance, e, ct), typeof(TEntity), dispatchUid: dispatchUid, order: order);
    }

    /// <summary>Connects a receiver of deletes of <typeparamref name="TEntity"/> (sender <c>typeof(TEntity)</c>).</summary>
    /// <inheritdoc cref="Connect{TEntity}(Signal{SaveArgs}, Action{TEntity, SaveArgs}, string?, int)" />
    public static void Connect<TEntity>(this Signal<DeleteArgs> signal, Action<TEntity, DeleteArgs> receiver, string? dispatchUid = null, int order = 0)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(receiver);
        signal.Connect((_, e) => receiver((TEntity)e.Instance, e), typeof(TEntity), dispatchUid: dispatchUid, order: order);
    }

    /// <summary>Connects an async receiver of deletes of <typeparamref name="TEntity"/>.</summary>
    /// <inheritdoc cref="Connect{TEntity}(Signal{SaveArgs}, Action{TEntity, SaveArgs}, string?, int)" />
    public static void Connect<TEntity>(this Signal<DeleteArgs> signal, Func<TEntity, DeleteArgs, CancellationToken, Task> receiver, string? dispatchUid = null, int order = 0)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(receiver);
        signal.Connect((_, e, ct) => receiver((TEntity)e.Instance, e, ct), typeof(TEntity), dispatchUid: dispatchUid, order: order);
    }
}
