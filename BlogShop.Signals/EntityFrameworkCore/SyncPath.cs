namespace BlogShop.Signals.EntityFrameworkCore;

/// <summary>
/// The one place where EF Core's synchronous entry points (SaveChanges, Commit, Open, Migrate) run the signal code,
/// which is written once, asynchronously. With sync receivers and no extra query the work completes synchronously
/// and nothing blocks; otherwise the calling thread waits, as a synchronous EF call does for its own I/O.
/// </summary>
internal static class SyncPath
{
    public static void Wait(ValueTask pending)
    {
        if (pending.IsCompletedSuccessfully)
        {
            return;
        }

        pending.AsTask().GetAwaiter().GetResult();
    }
}
