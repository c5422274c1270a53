using System.Data.Common;
using BlogShop.Signals.Dispatch;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BlogShop.Signals.EntityFrameworkCore;

/// <summary>Sends connection_created the first time a context opens a given DbConnection.</summary>
internal sealed class ConnectionSignalsInterceptor : DbConnectionInterceptor
{
    public static readonly ConnectionSignalsInterceptor Instance = new();

    private ConnectionSignalsInterceptor()
    {
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        SyncPath.Wait(OpenedAsync(connection, eventData, CancellationToken.None));

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default) =>
        OpenedAsync(connection, eventData, cancellationToken).AsTask();

    private static async ValueTask OpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken)
    {
        if (SignalsContextState.Find(eventData.Context) is not { } state || ReferenceEquals(state.AnnouncedConnection, connection))
        {
            return;
        }

        state.AnnouncedConnection = connection;
        if (state.Signals.ConnectionCreated.HasListeners(connection.GetType()))
        {
            var args = new ConnectionCreatedArgs(connection, state.Context);
            await state.Signals.ConnectionCreated.SendScopedAsync(connection.GetType(), args, state.Services, robust: false, cancellationToken)
                .ConfigureAwait(false);
        }
    }
}
