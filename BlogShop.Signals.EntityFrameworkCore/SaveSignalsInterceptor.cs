using BlogShop.Signals.Dispatch;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BlogShop.Signals.EntityFrameworkCore;

/// <summary>
/// Sends pre_save/pre_delete/m2m pre-actions before SaveChanges writes, and the post-signals after. Stateless: one
/// instance serves every context; the per-context state is <see cref="SignalsContextState"/>.
/// </summary>
internal sealed class SaveSignalsInterceptor : ISaveChangesInterceptor
{
    public static readonly SaveSignalsInterceptor Instance = new();

    private SaveSignalsInterceptor()
    {
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        SyncPath.Wait(SavingAsync(eventData.Context, CancellationToken.None));
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        var pending = SavingAsync(eventData.Context, cancellationToken);
        return pending.IsCompletedSuccessfully ? new(result) : Await(pending, result);

        static async ValueTask<InterceptionResult<int>> Await(ValueTask pending, InterceptionResult<int> result)
        {
            await pending.ConfigureAwait(false);
            return result;
        }
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        SyncPath.Wait(SavedAsync(eventData.Context, CancellationToken.None));
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        var pending = SavedAsync(eventData.Context, cancellationToken);
        return pending.IsCompletedSuccessfully ? new(result) : Await(pending, result);

        static async ValueTask<int> Await(ValueTask pending, int result)
        {
            await pending.ConfigureAwait(false);
            return result;
        }
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => SyncPath.Wait(FailedAsync(eventData.Context));

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        FailedAsync(eventData.Context).AsTask();

    public void SaveChangesCanceled(DbContextEventData eventData) => SyncPath.Wait(FailedAsync(eventData.Context));

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) =>
        FailedAsync(eventData.Context).AsTask();

    // EF reports a concurrency failure here, and not through SaveChangesFailed.
    public InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result)
    {
        ConcurrencyFailed(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(
        ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        ConcurrencyFailed(eventData.Context);
        return new(result);
    }

    private static void ConcurrencyFailed(DbContext? context)
    {
        // EF still rolls back to its savepoint and reports the failure next (SaveChangesFailed): the own
        // transaction ends there, not here.
        if (SignalsContextState.Find(context) is { Suppressed: 0 } state)
        {
            state.Pop(failed: true);
            state.FailureReported = true;
        }
    }

    /// <summary>The write failed, so EF accepted nothing: the own transaction is rolled back, the tracker left as it is.</summary>
    private static ValueTask RollBackOwnTransaction(SignalsContextState state) =>
        state.Depth == 0 && state.TakeOwnTransaction() is { } own ? own.RollbackAsync(restoreTracker: false) : default;

    private static ValueTask SavingAsync(DbContext? context, CancellationToken cancellationToken)
    {
        if (SignalsContextState.Find(context) is not { Suppressed: 0 } state)
        {
            return default;
        }

        var frame = state.Push();
        if (!SaveDispatch.AnyListeners(state.Signals))
        {
            return default;
        }

        var pending = SaveDispatch.BeforeAsync(state, frame, cancellationToken);
        return pending.IsCompletedSuccessfully ? default : AwaitBefore(state, pending);
    }

    private static async ValueTask AwaitBefore(SignalsContextState state, ValueTask pending)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch
        {
            // EF does not report a failure of its own when the SavingChanges interceptor throws.
            state.Pop(failed: true);
            throw;
        }
    }

    private static ValueTask SavedAsync(DbContext? context, CancellationToken cancellationToken)
    {
        if (SignalsContextState.Find(context) is not { Suppressed: 0 } state || state.Current is not { } frame)
        {
            return default;
        }

        return SaveDispatch.AfterAsync(state, frame, cancellationToken);
    }

    private static ValueTask FailedAsync(DbContext? context)
    {
        if (SignalsContextState.Find(context) is not { Suppressed: 0 } state)
        {
            return default;
        }

        if (state.FailureReported)
        {
            // The frame already ended; an own transaction the post-signals did not roll back ends here.
            state.FailureReported = false;
            return RollBackOwnTransaction(state);
        }

        state.Pop(failed: true);
        return RollBackOwnTransaction(state);
    }
}
