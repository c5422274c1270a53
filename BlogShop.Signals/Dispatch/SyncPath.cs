namespace BlogShop.Signals.Dispatch;

/// <summary>
/// The one place where synchronous entry points (a sync send disposing its receivers' scope; EF Core's SaveChanges,
/// Commit, Open, Migrate) wait for signal code, which is written once, asynchronously. When the work completed
/// synchronously nothing blocks; otherwise the calling thread waits, as a synchronous EF call does for its own I/O.
/// </summary>
internal static class SyncPath
{
    public static void Wait(ValueTask pending)
    {
        if (pending.IsCompletedSuccessfully)
        {
            // Still observed: a ValueTask backed by a pooled source is released by GetResult.
            pending.GetAwaiter().GetResult();
            return;
        }

        pending.AsTask().GetAwaiter().GetResult();
    }
}
