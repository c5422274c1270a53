using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace BlogShop.Signals.EntityFrameworkCore;

/// <summary>
/// The transaction the library opens around a SaveChanges whose post-signals have receivers, when no transaction is
/// open (Django with ATOMIC_REQUESTS): the rows, what the post_save receivers write, then the commit. It remembers
/// the change tracker as it was before the write, so that a rollback after EF accepted the changes puts the entities
/// back in the states they had (Added, Modified, Deleted) and the same SaveChanges can be retried on the same context.
/// EF's own write in it sets no savepoint: on failure the whole transaction rolls back anyway.
/// </summary>
internal sealed class SaveTransaction : IDisposable
{
    private readonly IDbContextTransaction _transaction;
    private readonly DatabaseFacade _database;
    private readonly ChangeTracker _tracker;
    private readonly List<Snapshot> _snapshot;
    private readonly List<EntityEntry> _trackedDuring = [];

    /// <summary>The entities of the snapshot, built only when an entity is tracked during the save (rarely).</summary>
    private HashSet<object>? _known;

    /// <summary>The caller's AutoSavepointsEnabled, turned off for EF's write until <see cref="EndWrite"/>.</summary>
    private bool? _savepoints;

    private SaveTransaction(IDbContextTransaction transaction, DbContext context, List<Snapshot> snapshot)
    {
        _transaction = transaction;
        _database = context.Database;
        _tracker = context.ChangeTracker;
        _snapshot = snapshot;
        _tracker.Tracked += OnTracked;
        _savepoints = _database.AutoSavepointsEnabled;
        _database.AutoSavepointsEnabled = false;
    }

    /// <summary>
    /// Opens the transaction when the outermost SaveChanges has post-signals to send and nothing else decides the
    /// transaction: no explicit or ambient transaction, a relational provider, EF's automatic transactions not turned
    /// off, and no retrying execution strategy (which refuses transactions it did not start).
    /// </summary>
    public static async ValueTask<SaveTransaction?> BeginIfNeededAsync(SignalsContextState state, SaveFrame frame, CancellationToken cancellationToken)
    {
        var context = state.Context;
        if (state.Depth != 1 || !frame.HasPostSignals || state.Transactions.CurrentTransaction is not null ||
            System.Transactions.Transaction.Current is not null || !state.IsRelational ||
            context.Database.AutoTransactionBehavior == AutoTransactionBehavior.Never ||
            context.GetService<IExecutionStrategy>().RetriesOnFailure)
        {
            return null;
        }

        var snapshot = new List<Snapshot>((frame.Saves?.Count ?? 0) + (frame.Deletes?.Count ?? 0));
        var tracker = context.ChangeTracker;
        var autoDetect = tracker.AutoDetectChangesEnabled;

        // The save just detected changes, and only m2m_changed receivers ran since: no second pass over every entity
        // unless they did.
        tracker.AutoDetectChangesEnabled = autoDetect && frame.ManyToMany is not null;
        var reader = new SnapshotReader(snapshot, frame.Saves);
        try
        {
            if (frame.Written is { } written)
            {
                frame.Written = null;
                foreach (var entry in written.Saves)
                {
                    reader.Add(entry);
                }

                foreach (var entry in written.Deletes)
                {
                    reader.Add(entry);
                }
            }
            else
            {
                foreach (var entry in tracker.Entries())
                {
                    reader.Add(entry);
                }
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = autoDetect;
        }

        var transaction = await state.Transactions.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        state.AdoptPending(frame.PendingMark, transaction.GetDbTransaction());
        return new SaveTransaction(transaction, context, snapshot);
    }

    /// <summary>
    /// EF's write is done (or failed): savepoints are as the caller had them again, so a receiver's SaveChanges in
    /// this transaction gets EF's savepoint and may catch its own failure.
    /// </summary>
    public void EndWrite()
    {
        if (_savepoints is { } savepoints)
        {
            _savepoints = null;
            _database.AutoSavepointsEnabled = savepoints;
        }
    }

    public async ValueTask CommitAsync(CancellationToken cancellationToken)
    {
        EndWrite();
        _tracker.Tracked -= OnTracked;
        await using (_transaction.ConfigureAwait(false))
        {
            await _transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Rolls back. With <paramref name="restoreTracker"/> (the rows were written and EF accepted them), the entities
    /// return to their states before the write and the ones receivers attached during the save are detached.
    /// </summary>
    public async ValueTask RollbackAsync(bool restoreTracker)
    {
        EndWrite();
        _tracker.Tracked -= OnTracked;
        try
        {
            await using (_transaction.ConfigureAwait(false))
            {
                await _transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            if (restoreTracker)
            {
                Restore();
            }
        }
    }

    public void Dispose()
    {
        EndWrite();
        _tracker.Tracked -= OnTracked;
        _transaction.Dispose();
    }

    private void Restore()
    {
        var autoDetect = _tracker.AutoDetectChangesEnabled;
        _tracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var entry in _trackedDuring)
            {
                entry.State = EntityState.Detached;
            }

            // Every insert is detached first, so that no restored key collides with one not yet reset.
            foreach (var item in _snapshot.Where(s => s.State == EntityState.Added))
            {
                item.Entry.State = EntityState.Detached;
                foreach (var key in item.TemporaryKeys)
                {
                    item.Entry.Property(key).CurrentValue = item.Entry.Property(key).Metadata.Sentinel;
                }
            }

            foreach (var item in _snapshot)
            {
                switch (item.State)
                {
                    case EntityState.Added:
                        item.Entry.State = EntityState.Added;
                        break;
                    case EntityState.Modified:
                        item.Original!.Shape.RestoreOriginals(item.Entry, item.Original, item.Row);
                        foreach (var name in item.Modified!)
                        {
                            item.Entry.Property(name).IsModified = true;
                        }

                        break;
                    case EntityState.Deleted:
                        item.Entry.State = EntityState.Deleted;
                        break;
                }
            }
        }
        finally
        {
            _tracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    private void OnTracked(object? sender, EntityTrackedEventArgs e)
    {
        if (e.FromQuery)
        {
            return;
        }

        _known ??= new HashSet<object>(_snapshot.Select(s => s.Entry.Entity), ReferenceEqualityComparer.Instance);
        if (!_known.Contains(e.Entry.Entity))
        {
            _trackedDuring.Add(e.Entry);
        }
    }

    /// <summary>
    /// Reads entries into the snapshot. An update whose pre_save arguments were built has its original values and
    /// modified properties read already: the entries come in the order the save collected them, so its post_save
    /// items are met in turn.
    /// </summary>
    private sealed class SnapshotReader(List<Snapshot> snapshot, List<SaveItem>? saves)
    {
        private readonly PreviousTables _read = new();
        private int _next;

        public void Add(EntityEntry entry)
        {
            var item = saves is not null && _next < saves.Count && ReferenceEquals(saves[_next].Instance, entry.Entity) ? saves[_next++] : default;
            switch (entry.State)
            {
                case EntityState.Added:
                    snapshot.Add(new Snapshot(entry, EntityState.Added, null, 0, null, SaveShape.Of(entry.Metadata).TemporaryKeys(entry)));
                    break;
                case EntityState.Modified when item is { Rows: { } rows, UpdateFields: { } fields } && rows.HoldsTrackerOriginals(item.Row):
                    snapshot.Add(new Snapshot(entry, EntityState.Modified, rows, item.Row, fields, []));
                    break;
                case EntityState.Modified:
                    var read = _read.For(entry.Metadata, 1);
                    var row = read.Add();
                    var modified = read.Shape.ReadUpdate(entry, read, row, out _);
                    snapshot.Add(new Snapshot(entry, EntityState.Modified, read, row, modified, []));
                    break;
                case EntityState.Deleted:
                    snapshot.Add(new Snapshot(entry, EntityState.Deleted, null, 0, null, []));
                    break;
            }
        }
    }

    /// <summary>An entry before the write; for an update its original values (a row of <see cref="PreviousRows"/>) and modified properties.</summary>
    private readonly record struct Snapshot(
        EntityEntry Entry, EntityState State, PreviousRows? Original, int Row, IReadOnlySet<string>? Modified, string[] TemporaryKeys);
}
