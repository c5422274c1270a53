using BlogShop.Signals.Dispatch;
using BlogShop.Signals.EntityFrameworkCore;

namespace Microsoft.EntityFrameworkCore;

/// <summary>After-commit work and saving without signals, for a DbContext configured with <c>UseSignals</c>.</summary>
public static class SignalsDbContextExtensions
{
    /// <summary>
    /// Runs <paramref name="work"/> once the changes made so far are committed (Django's <c>transaction.on_commit</c>):
    /// inside an explicit transaction, after it commits; inside SaveChanges (from a receiver), after SaveChanges
    /// succeeds; otherwise at once, before this method returns. The work is dropped, never run, when the transaction
    /// rolls back or SaveChanges fails. Queued works run in order; one that throws is logged at Error level and the
    /// next still runs (the commit has happened and cannot be undone).
    /// </summary>
    /// <param name="context">A DbContext configured with <c>UseSignals</c>.</param>
    /// <param name="work">The action, given the cancellation token of the commit or SaveChanges call.</param>
    /// <exception cref="InvalidOperationException">The context was not configured with <c>UseSignals</c>.</exception>
    public static void OnCommit(this DbContext context, Func<CancellationToken, Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var state = RequireState(context);
        state.Enqueue(work);
        if (state.Depth == 0 && context.Database.CurrentTransaction is null)
        {
            SyncPath.Wait(state.RunPendingAsync(null, CancellationToken.None));
        }
    }

    /// <summary>
    /// Saves like <see cref="DbContext.SaveChangesAsync(CancellationToken)"/> but sends no save, delete or m2m signals
    /// (Django's <c>QuerySet.update()</c>): the way for a receiver to save the instance it received without
    /// triggering itself again. On a context without <c>UseSignals</c> it is a plain SaveChangesAsync.
    /// </summary>
    /// <returns>The number of rows written.</returns>
    /// <exception cref="DbUpdateException">Saving failed, as for SaveChangesAsync.</exception>
    public static async Task<int> SaveChangesWithoutSignalsAsync(this DbContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (SignalsContextState.Find(context) is not { } state)
        {
            return await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        state.Suppressed++;
        try
        {
            return await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            state.Suppressed--;
        }
    }

    /// <summary>
    /// Loads a JSON fixture (Django's <c>loaddata</c>): an array of <c>{"model": "Article", "pk": 1, "fields": {...}}</c>
    /// objects, where <c>model</c> is the entity's class name and <c>fields</c> its properties (camelCase or not).
    /// A row whose key exists is updated, the others inserted, all in one SaveChanges whose save signals carry
    /// <c>Raw = true</c> (receivers should not touch other rows then). Many-to-many values are not loaded.
    /// </summary>
    /// <returns>The number of objects loaded.</returns>
    /// <exception cref="InvalidDataException">The JSON is not such an array, or names a model the context does not map.</exception>
    /// <exception cref="DbUpdateException">Saving failed; nothing was loaded.</exception>
    public static Task<int> LoadFixtureAsync(this DbContext context, Stream json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(json);
        return FixtureLoader.LoadAsync(context, json, cancellationToken);
    }

    internal static SignalsContextState RequireState(DbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return SignalsContextState.Find(context) ?? throw new InvalidOperationException(
            $"{context.GetType().Name} does not send signals: configure it with options.UseSignals(serviceProvider).");
    }
}
