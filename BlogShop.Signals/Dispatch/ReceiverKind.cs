namespace BlogShop.Signals.Dispatch;

/// <summary>The shape of a receiver, fixed at connect time so a send switches on it instead of testing types.</summary>
internal enum ReceiverKind
{
    /// <summary><c>Action&lt;object?, TArgs&gt;</c>: sync, no response.</summary>
    Action,

    /// <summary><c>Func&lt;object?, TArgs, object?&gt;</c>: sync, its result is the response.</summary>
    Function,

    /// <summary><c>Func&lt;object?, TArgs, CancellationToken, Task&gt;</c>: async, no response.</summary>
    Task,

    /// <summary><c>Func&lt;object?, TArgs, CancellationToken, Task&lt;object?&gt;&gt;</c>: async, its result is the response.</summary>
    TaskOfObject,

    /// <summary>An <see cref="ISignalReceiver{TArgs}"/> class resolved from dependency injection at each send.</summary>
    Class,

    /// <summary>An <see cref="ISignalReceiver{TArgs}"/> class registered as a singleton: resolved once, at its first
    /// send, and that instance called from then on; a send needs no scope for it.</summary>
    Singleton,
}
