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

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Failed(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(eventData.Context);
        return Task.CompletedTask;
    }

    public void SaveChangesCanceled(DbContextEventData eventData) => Failed(eventData.Context);

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(eventData.Context);
        return Task.CompletedTask;
    }

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
        if (SignalsContextState.Find(context) is { Suppressed: 0 } state)
        {
            state.Pop(failed: true);
            state.FailureReported = true;
        }
    }

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

    private static void Failed(DbContext? context)
    {
        if (SignalsContextState.Find(context) is not { Suppressed: 0 } state)
        {
            return;
        }

        if (state.FailureReported)
        {
            state.FailureReported = false;
            return;
        }

        state.Pop(failed: true);
    }
}
