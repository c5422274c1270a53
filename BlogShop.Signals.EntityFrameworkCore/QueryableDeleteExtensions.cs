using BlogShop.Signals.EntityFrameworkCore;

namespace Microsoft.EntityFrameworkCore;

/// <summary>Django's <c>QuerySet.delete()</c>: a query's rows deleted through the collector, with their signals.</summary>
public static class QueryableDeleteExtensions
{
    /// <summary>
    /// Deletes the rows <paramref name="query"/> matches as Django's <c>QuerySet.delete()</c> does: the rows are loaded,
    /// then deleted in one SaveChanges, with <c>pre_delete</c>/<c>post_delete</c> for each of them and for each row
    /// their deletion cascades to (dependents first, Django's order), and <see cref="DeleteArgs.Origin"/> the query
    /// itself for all of them. <c>ExecuteDelete</c> stays the silent, set-based delete (Django's <c>_raw_delete</c>).
    /// </summary>
    /// <param name="query">A query of <paramref name="context"/> (rooted at one of its <c>DbSet</c>s).</param>
    /// <param name="context">The DbContext the query belongs to, configured with <c>UseSignals</c>.</param>
    /// <param name="cancellationToken">Cancels the load and the save.</param>
    /// <returns>The number of rows deleted, cascaded rows included (0 when the query matches nothing).</returns>
    /// <exception cref="InvalidOperationException">The context was not configured with <c>UseSignals</c>; the query
    /// belongs to another context; the context has unsaved changes (they would be saved with the delete: save or
    /// discard them first).</exception>
    /// <exception cref="DbUpdateException">The delete failed; nothing was deleted.</exception>
    public static async Task<int> DeleteWithSignalsAsync<TEntity>(this IQueryable<TEntity> query, DbContext context, CancellationToken cancellationToken = default)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(query);
        var state = SignalsDbContextExtensions.RequireState(context);
        if (!ReferenceEquals(query.Provider, context.Set<TEntity>().AsQueryable().Provider))
        {
            throw new InvalidOperationException($"The query does not belong to this {context.GetType().Name}: pass the context it was built from.");
        }

        if (context.ChangeTracker.HasChanges())
        {
            throw new InvalidOperationException(
                $"{context.GetType().Name} has unsaved changes, which a delete with signals would save with it: save or discard them first.");
        }

        var rows = await query.AsTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return 0;
        }

        context.RemoveRange(rows);
        state.DeleteOrigin = query;
        try
        {
            return await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            state.DeleteOrigin = null;
        }
    }
}
