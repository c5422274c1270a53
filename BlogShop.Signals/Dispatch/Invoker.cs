namespace BlogShop.Signals.Dispatch;

/// <summary>A receiver delegate normalised to one sync or one async shape, so dispatch has two call sites only.</summary>
internal readonly record struct Invoker<TArgs>(
    Func<object?, TArgs, object?>? Sync,
    Func<object?, TArgs, CancellationToken, ValueTask<object?>>? Async)
{
    public static Invoker<TArgs> From(Delegate receiver) => receiver switch
    {
        Func<object?, TArgs, object?> f => new(f, null),
        Action<object?, TArgs> a => new((s, e) =>
        {
            a(s, e);
            return null;
        }, null),
        Func<object?, TArgs, CancellationToken, Task<object?>> t => new(null, (s, e, ct) => new ValueTask<object?>(t(s, e, ct))),
        Func<object?, TArgs, CancellationToken, Task> t => new(null, (s, e, ct) => AwaitNoResult(t(s, e, ct))),
        _ => throw new ArgumentException($"Unsupported receiver delegate type {receiver.GetType()}.", nameof(receiver)),
    };

    private static ValueTask<object?> AwaitNoResult(Task task)
    {
        if (task.IsCompletedSuccessfully)
        {
            return default;
        }

        return Await(task);

        static async ValueTask<object?> Await(Task task)
        {
            await task.ConfigureAwait(false);
            return null;
        }
    }
}
