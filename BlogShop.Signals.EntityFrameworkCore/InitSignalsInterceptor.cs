using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BlogShop.Signals.EntityFrameworkCore;

/// <summary>
/// pre_init/post_init for every entity EF materializes from a query row. A singleton interceptor for EF (it takes
/// part in EF's internal service provider key), so it is one stateless instance for every host.
/// </summary>
internal sealed class InitSignalsInterceptor : IMaterializationInterceptor
{
    public static readonly InitSignalsInterceptor Instance = new();

    private InitSignalsInterceptor()
    {
    }

    public InterceptionResult<object> CreatingInstance(MaterializationInterceptionData materializationData, InterceptionResult<object> result)
    {
        var sender = materializationData.EntityType.ClrType;
        if (SignalsContextState.Find(materializationData.Context) is { } state && state.Signals.PreInit.HasListeners(sender))
        {
            // Materialization is synchronous in EF, also inside async queries.
            var args = ModelInfo.Of(state.Context.Model).ArgsFor(sender).PreInit(state.Context);
            state.Signals.PreInit.SendScoped(sender, args, state.Services);
        }

        return result;
    }

    public object InitializedInstance(MaterializationInterceptionData materializationData, object entity)
    {
        var sender = materializationData.EntityType.ClrType;
        if (SignalsContextState.Find(materializationData.Context) is { } state && state.Signals.PostInit.HasListeners(sender))
        {
            var args = ModelInfo.Of(state.Context.Model).ArgsFor(sender).PostInit(entity, state.Context);
            state.Signals.PostInit.SendScoped(sender, args, state.Services);
        }

        return entity;
    }
}
