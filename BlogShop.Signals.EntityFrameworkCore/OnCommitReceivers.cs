using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlogShop.Signals.EntityFrameworkCore;

/// <summary>
/// Connects receiver classes declared with <see cref="ReceiverAttribute.OnCommit"/>: at send time the receiver is not
/// run but queued on the sending DbContext, and runs after its transaction commits.
/// </summary>
internal static class OnCommitReceivers
{
    private static readonly MethodInfo ConnectMethod =
        typeof(OnCommitReceivers).GetMethod(nameof(ConnectTyped), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static void Connect(Signal signal, Type receiverType, Type argsType, object? sender, ReceiverAttribute attribute, IServiceProvider rootServices) =>
        ConnectMethod.MakeGenericMethod(signal.ArgsType).Invoke(null, [signal, receiverType, argsType, sender, attribute, rootServices]);

    private static void ConnectTyped<TArgs>(
        Signal<TArgs> signal, Type receiverType, Type argsType, object? sender, ReceiverAttribute attribute, IServiceProvider rootServices)
    {
        var deferred = new Deferred<TArgs>(signal.ClassInvoker(receiverType, argsType), rootServices);
        signal.Connect(deferred.HandleAsync, sender, dispatchUid: attribute.DispatchUid ?? receiverType.FullName, order: attribute.Order);
    }

    /// <summary>The DbContext a model signal's arguments carry, if any.</summary>
    private static DbContext? ContextOf(object? args) => args switch
    {
        SaveArgs save => save.Context,
        DeleteArgs delete => delete.Context,
        M2MChangedArgs m2m => m2m.Context,
        _ => null,
    };

    private sealed class Deferred<TArgs>(Func<IServiceProvider, object?, TArgs, CancellationToken, ValueTask> invoke, IServiceProvider rootServices)
    {
        public Task HandleAsync(object? sender, TArgs args, CancellationToken cancellationToken)
        {
            if (SignalsContextState.Find(ContextOf(args)) is { } state)
            {
                var services = state.Services;
                state.Enqueue(ct => services is null ? RunInOwnScopeAsync(sender, args, ct) : RunAsync(services, sender, args, ct));
                return Task.CompletedTask;
            }

            return RunInOwnScopeAsync(sender, args, cancellationToken);
        }

        private async Task RunInOwnScopeAsync(object? sender, TArgs args, CancellationToken cancellationToken)
        {
            var scope = rootServices.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                await RunAsync(scope.ServiceProvider, sender, args, cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task RunAsync(IServiceProvider services, object? sender, TArgs args, CancellationToken cancellationToken) =>
            await invoke(services, sender, args, cancellationToken).ConfigureAwait(false);
    }
}
