using System.Data.Common;
using BlogShop.Signals.Dispatch;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BlogShop.Signals.EntityFrameworkCore;

/// <summary>Runs after-commit work when an explicit transaction commits, and drops it when it rolls back.</summary>
internal sealed class TransactionSignalsInterceptor : DbTransactionInterceptor
{
    public static readonly TransactionSignalsInterceptor Instance = new();

    private TransactionSignalsInterceptor()
    {
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        SyncPath.Wait(CommittedAsync(transaction, eventData, CancellationToken.None));

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        CommittedAsync(transaction, eventData, cancellationToken).AsTask();

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        Discard(transaction, eventData);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Discard(transaction, eventData);
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) =>
        Discard(transaction, eventData);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Discard(transaction, eventData);
        return Task.CompletedTask;
    }

    private static ValueTask CommittedAsync(DbTransaction transaction, TransactionEventData eventData, CancellationToken cancellationToken) =>
        SignalsContextState.Find(eventData.Context) is { HasPending: true } state
            ? state.RunPendingAsync(transaction, cancellationToken)
            : default;

    private static void Discard(DbTransaction transaction, TransactionEventData eventData)
    {
        if (SignalsContextState.Find(eventData.Context) is { HasPending: true } state)
        {
            state.Discard(transaction);
        }
    }
}
