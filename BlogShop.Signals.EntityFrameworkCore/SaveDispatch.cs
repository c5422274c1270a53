using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace BlogShop.Signals.EntityFrameworkCore;

/// <summary>The save, delete and many-to-many signals of one SaveChanges, before and after the write.</summary>
internal static class SaveDispatch
{
    /// <summary>
    /// True when any save, delete or m2m signal has a receiver at all, or an observer watches the sends. The only
    /// check on the path where nobody listens, so such a SaveChanges does no per-entity work and allocates nothing per entity.
    /// </summary>
    public static bool AnyListeners(ModelSignals signals) =>
        signals.PreSave.ReceiverCount + signals.PostSave.ReceiverCount + signals.PreDelete.ReceiverCount +
        signals.PostDelete.ReceiverCount + signals.M2MChanged.ReceiverCount > 0 || signals.PreSave.IsWatched;

    public static async ValueTask BeforeAsync(SignalsContextState state, SaveFrame frame, CancellationToken cancellationToken)
    {
        var context = state.Context;
        var signals = state.Signals;
        var info = ModelInfo.Of(context.Model);
        // The change tracker is watched for the side each join row is made from until the m2m pre-actions are sent.
        var sides = info.HasJoins && (signals.M2MChanged.ReceiverCount > 0 || signals.M2MChanged.IsWatched)
            ? ManyToManySides.Record(context, info)
            : null;
        try
        {
            var saves = new List<EntityEntry>();
            var deletes = new List<EntityEntry>();
            var detect = new List<EntityEntry>();
            var complete = Collect(context, info, saves, deletes, joins: null, detect, seen: null) && sides is null;

            if (deletes.Count > 0 && (signals.PreDelete.ReceiverCount + signals.PostDelete.ReceiverCount > 0 || signals.PreDelete.IsWatched))
            {
                // Cascades and receivers may delete more than was collected.
                complete = false;

                await SendPreDeleteAsync(state, frame, info, deletes, cancellationToken).ConfigureAwait(false);

                // pre_delete receivers may have added or changed entities: those need their pre_save too.
                saves.Clear();
                detect.Clear();
                Collect(context, info, saves, deletes: null, joins: null, detect, seen: null);
            }

            if (saves.Count > 0 && (signals.PreSave.ReceiverCount + signals.PostSave.ReceiverCount > 0 || signals.PreSave.IsWatched))
            {
                complete &= await SendPreSaveAsync(state, frame, info, saves, sides is null ? detect : null, cancellationToken).ConfigureAwait(false);
            }

            frame.Written = complete ? new WrittenEntries(saves, deletes) : null;

            if (sides is not null)
            {
                var joins = new List<EntityEntry>();
                Collect(context, info, saves: null, deletes: null, joins, detect: null, seen: null);
                if (joins.Count > 0)
                {
                    frame.ManyToMany = await ManyToManyChanges.SendPreAsync(state, info, joins, sides, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            sides?.Dispose();
        }

        state.Dispatching(null);
        if (await SaveTransaction.BeginIfNeededAsync(state, frame, cancellationToken).ConfigureAwait(false) is { } own)
        {
            state.OwnTransaction = own;
        }
    }

    public static async ValueTask AfterAsync(SignalsContextState state, SaveFrame frame, CancellationToken cancellationToken)
    {
        var signals = state.Signals;
        state.OwnTransaction?.EndWrite();

        // What post-signal receivers attach, remove or mark modified is saved with the rows that triggered them; the
        // change tracker's events show it, so no pass over every entity is needed when receivers only read.
        using var watch = state.Depth == 1 && frame.HasPostSignals ? new TrackerWatch(state.Context.ChangeTracker, keepTracked: false) : null;
        try
        {
            // By index, each send started outside this method: an item held across the await would be copied into
            // the state machine on the heap, twice per item with a list enumerator.
            if (frame.Saves is { } saves)
            {
                for (var i = 0; i < saves.Count; i++)
                {
                    await SendPostSave(state, saves[i], cancellationToken).ConfigureAwait(false);
                }
            }

            if (frame.Deletes is { } deletes)
            {
                for (var i = 0; i < deletes.Count; i++)
                {
                    await SendPostDelete(state, deletes[i], cancellationToken).ConfigureAwait(false);
                }
            }

            if (frame.ManyToMany is { } changes)
            {
                await ManyToManyChanges.SendPostAsync(state, changes, cancellationToken).ConfigureAwait(false);
            }

            state.Dispatching(null);
            if (watch is { SawNewWork: true } && state.Context.ChangeTracker.HasChanges())
            {
                // Saved now, in the same transaction when there is one, with its own signals. A receiver's property
                // edit alone (no Add, Update, Remove or state change) waits for the next SaveChanges, as in Django.
                watch.Dispose();
                await state.Context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            state.Pop(failed: true);
            state.FailureReported = true;
            if (state.TakeOwnTransaction() is { } own)
            {
                await own.RollbackAsync(restoreTracker: true).ConfigureAwait(false);
            }

            throw;
        }
        finally
        {
            state.Dispatching(null);
        }

        state.Pop(failed: false);
        if (state.Depth == 0 && state.TakeOwnTransaction() is { } transaction)
        {
            await CommitAsync(state, transaction, cancellationToken).ConfigureAwait(false);
        }
        if (state.Depth == 0 && state.HasPending && state.Transactions.CurrentTransaction is null)
        {
            await state.RunPendingAsync(null, cancellationToken).ConfigureAwait(false);
        }
    }

    private static ValueTask<IReadOnlyList<SignalResponse>> SendPostSave(SignalsContextState state, in SaveItem item, CancellationToken cancellationToken)
    {
        var signals = state.Signals;
        var args = item.Factory.PostSave(item.Instance, created: item.UpdateFields is null, state.Raw, state.Context, item.UpdateFields, item.ViewPrevious());
        state.Dispatching(signals.PostSave, item.Sender, item.Instance);
        return signals.PostSave.SendScopedAsync(item.Sender, args, state.Services, robust: false, cancellationToken);
    }

    private static ValueTask<IReadOnlyList<SignalResponse>> SendPostDelete(SignalsContextState state, in DeleteItem item, CancellationToken cancellationToken)
    {
        var signals = state.Signals;
        state.Dispatching(signals.PostDelete, item.Sender, item.Instance);
        var args = item.Factory.PostDelete(item.Instance, state.Context, item.Origin);
        return signals.PostDelete.SendScopedAsync(item.Sender, args, state.Services, robust: false, cancellationToken);
    }

    /// <summary>Commits the own transaction; its after-commit work runs from the commit interceptor.</summary>
    private static async ValueTask CommitAsync(SignalsContextState state, SaveTransaction transaction, CancellationToken cancellationToken)
    {
        try
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            state.FailureReported = true;
            await transaction.RollbackAsync(restoreTracker: true).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Collects the entries SaveChanges will write, after detecting changes once. Owned types are part of their owner
    /// and send nothing; join rows of skip navigations go to <paramref name="joins"/> (they send m2m_changed only).
    /// <paramref name="detect"/> gets the entries whose edits by a pre_save receiver could need signals of their own:
    /// every unchanged entity (an edit makes it an update) and the saved ones of related types (an edited navigation can
    /// attach, delete or re-parent others). A property edit of any other saved entity is found by EF's own pass
    /// before the write and needs no signal: that entity's pre_save was sent.
    /// </summary>
    /// <returns>True when every entry SaveChanges will write is in <paramref name="saves"/> or
    /// <paramref name="deletes"/> (none is owned, a join row, or a delete left out).</returns>
    internal static bool Collect(
        DbContext context, ModelInfo info, List<EntityEntry>? saves, List<EntityEntry>? deletes, List<EntityEntry>? joins,
        List<EntityEntry>? detect, HashSet<object>? seen)
    {
        var tracker = context.ChangeTracker;
        var autoDetect = tracker.AutoDetectChangesEnabled;
        if (autoDetect)
        {
            tracker.DetectChanges();
            tracker.AutoDetectChangesEnabled = false;
        }

        var complete = true;
        try
        {
            // Entries of one type usually come in runs: the type's kind is looked up once per run.
            IEntityType? lastType = null;
            var isJoin = false;
            var isOwned = false;
            var isRelated = false;
            foreach (var entry in tracker.Entries())
            {
                var state = entry.State;
                if (state == EntityState.Detached || (state == EntityState.Unchanged && detect is null))
                {
                    continue;
                }

                var type = entry.Metadata;
                if (!ReferenceEquals(type, lastType))
                {
                    lastType = type;
                    isJoin = info.HasJoins && info.FindJoin(type) is not null;
                    isOwned = !isJoin && type.IsOwned();
                    isRelated = info.IsRelated(type);
                }

                if (isJoin)
                {
                    if (state is EntityState.Added or EntityState.Deleted)
                    {
                        joins?.Add(entry);
                    }

                    complete &= state == EntityState.Unchanged;
                    continue;
                }

                if (isOwned)
                {
                    complete &= state == EntityState.Unchanged;
                    continue;
                }

                if (state == EntityState.Unchanged || (isRelated && state != EntityState.Deleted))
                {
                    detect?.Add(entry);
                }

                if (state == EntityState.Unchanged || (seen is not null && !seen.Add(entry.Entity)))
                {
                    continue;
                }

                var list = state == EntityState.Deleted ? deletes : saves;
                list?.Add(entry);
                complete &= list is not null;
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = autoDetect;
        }

        return complete;
    }

    /// <summary>
    /// Sends pre_save in rounds: after each, changes are detected on <paramref name="detect"/> (see <see cref="Collect"/>),
    /// or on every entry when it is null (m2m_changed receivers need every collection edit found before the join rows
    /// are read), and what the receivers added or changed gets its own pre_save.
    /// </summary>
    /// <returns>False when the entries collected after a round leave out one that will be written (see <see cref="Collect"/>).</returns>
    private static async ValueTask<bool> SendPreSaveAsync(
        SignalsContextState state, SaveFrame frame, ModelInfo info, List<EntityEntry> saves, List<EntityEntry>? detect,
        CancellationToken cancellationToken)
    {
        var signals = state.Signals;
        var listeners = new Listeners(info, signals.PreSave, signals.PostSave);
        var previous = new PreviousTables();
        List<SaveItem>? posts = null;
        HashSet<object>? seen = null;
        var complete = true;
        var start = 0;
        var tracker = state.Context.ChangeTracker;
        for (var round = 0; ; round++)
        {
            var dispatched = false;
            using var watch = new TrackerWatch(tracker, keepTracked: true);
            for (var i = start; i < saves.Count; i++)
            {
                var entry = saves[i];
                var sender = entry.Metadata.ClrType;
                var (pre, post, factory) = listeners.For(sender);
                if (!pre && !post)
                {
                    continue;
                }

                var created = entry.State == EntityState.Added;
                if (!pre && created)
                {
                    (posts ??= new(saves.Count - i)).Add(new SaveItem(sender, entry.Entity, UpdateFields: null, Rows: null, Row: 0, factory));
                    continue;
                }

                var args = await ArgsForAsync(state, entry, factory, previous, saves.Count - i, cancellationToken).ConfigureAwait(false);
                if (pre)
                {
                    state.Dispatching(signals.PreSave, sender, args.Instance);
                    await signals.PreSave.SendScopedAsync(sender, args, state.Services, robust: false, cancellationToken).ConfigureAwait(false);
                    dispatched = true;
                }

                if (post)
                {
                    (posts ??= new(saves.Count - i)).Add(args.Previous is PreviousValues values
                        ? new SaveItem(sender, args.Instance, args.UpdateFields, values.Rows, values.Row, factory)
                        : new SaveItem(sender, args.Instance, UpdateFields: null, Rows: null, Row: 0, factory));
                }
            }

            if (!dispatched)
            {
                break;
            }

            // Receivers may have added or changed entities: those are saved too, so they get their own pre_save.
            if (round >= SignalsContextState.MaxDepth)
            {
                throw new InvalidOperationException(
                    $"pre_save receivers kept adding or changing entities for more than {SignalsContextState.MaxDepth} rounds " +
                    $"in one SaveChanges (last: {state.DispatchInstance?.GetType().Name}). Act only on real changes.");
            }

            // Usually receivers only change the instances they got. Only when something became Added, Modified or
            // Deleted (tracked by the receivers, or found by detecting changes now) is the tracker scanned again.
            if (tracker.AutoDetectChangesEnabled)
            {
                if (detect is null)
                {
                    tracker.DetectChanges();
                }
                else
                {
                    DetectReceiverEdits(detect, watch.TrackedDuring);
                }
            }

            if (!watch.SawNewWork)
            {
                break;
            }

            seen ??= new HashSet<object>(saves.Select(e => e.Entity), ReferenceEqualityComparer.Instance);
            start = saves.Count;
            detect?.Clear();
            complete &= Collect(state.Context, info, saves, deletes: null, joins: null, detect, seen);
            if (start == saves.Count)
            {
                break;
            }
        }

        frame.Saves = posts;
        return complete;
    }

    private static void DetectReceiverEdits(List<EntityEntry> detect, List<EntityEntry>? trackedDuring)
    {
        foreach (var entry in detect)
        {
            entry.DetectChanges();
        }

        if (trackedDuring is not null)
        {
            // Entities the receivers loaded (or attached) and then edited.
            foreach (var entry in trackedDuring)
            {
                entry.DetectChanges();
            }
        }
    }

    /// <summary>
    /// The pre_save arguments of <paramref name="entry"/>; for an update, its previous values are read into a row of
    /// <paramref name="previous"/> (<paramref name="expected"/>: how many updates may still come, to size a new table).
    /// </summary>
    private static ValueTask<PreSave> ArgsForAsync(
        SignalsContextState state, EntityEntry entry, EntityArgs factory, PreviousTables previous, int expected, CancellationToken cancellationToken)
    {
        var context = state.Context;
        if (entry.State == EntityState.Added)
        {
            return new(factory.PreSave(entry.Entity, created: true, state.Raw, context, updateFields: null, previous: null));
        }

        var rows = previous.For(entry.Metadata, expected);
        var row = rows.Add();
        var fields = rows.Shape.ReadUpdate(entry, rows, row, out var everyValueModified);
        var args = factory.PreSave(entry.Entity, created: false, state.Raw, context, fields, new PreviousValues(rows, row));

        // Attached with Update() or State = Modified: EF marks every value modified and knows no stored values.
        // Then the stored row is read, once, so Previous is what the database held, not a copy of the new values.
        return everyValueModified && !state.Raw ? WithStoredValuesAsync(entry, rows, row, args, cancellationToken) : new(args);
    }

    private static async ValueTask<PreSave> WithStoredValuesAsync(
        EntityEntry entry, PreviousRows rows, int row, PreSave args, CancellationToken cancellationToken)
    {
        if (await entry.GetDatabaseValuesAsync(cancellationToken).ConfigureAwait(false) is { } stored)
        {
            rows.ReplaceWithStored(row, stored);
        }

        return args;
    }

    private static async ValueTask SendPreDeleteAsync(
        SignalsContextState state, SaveFrame frame, ModelInfo info, List<EntityEntry> deletes, CancellationToken cancellationToken)
    {
        var signals = state.Signals;
        var ordered = await DeleteCollector.CollectAsync(state, deletes, cancellationToken).ConfigureAwait(false);
        var listeners = new Listeners(info, signals.PreDelete, signals.PostDelete);
        List<DeleteItem>? posts = null;
        foreach (var (entity, sender, origin) in ordered)
        {
            var (pre, post, factory) = listeners.For(sender);
            if (!pre && !post)
            {
                continue;
            }

            if (pre)
            {
                state.Dispatching(signals.PreDelete, sender, entity);
                var args = factory.PreDelete(entity, state.Context, origin);
                await signals.PreDelete.SendScopedAsync(sender, args, state.Services, robust: false, cancellationToken).ConfigureAwait(false);
            }

            if (post)
            {
                (posts ??= []).Add(new DeleteItem(sender, entity, origin, factory));
            }
        }

        frame.Deletes = posts;
    }

    /// <summary>
    /// Watches the change tracker while receivers run: did any entity become Added, Modified or Deleted, and (with
    /// keepTracked, for the pre_save rounds, whose edits are detected per entity) which entities did they start tracking?
    /// </summary>
    private sealed class TrackerWatch : IDisposable
    {
        private readonly ChangeTracker _tracker;
        private readonly bool _keepTracked;
        private bool _disposed;

        public TrackerWatch(ChangeTracker tracker, bool keepTracked)
        {
            _tracker = tracker;
            _keepTracked = keepTracked;
            tracker.Tracked += OnTracked;
            tracker.StateChanged += OnStateChanged;
        }

        public bool SawNewWork { get; private set; }

        public List<EntityEntry>? TrackedDuring { get; private set; }

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                _tracker.Tracked -= OnTracked;
                _tracker.StateChanged -= OnStateChanged;
            }
        }

        private void OnTracked(object? sender, EntityTrackedEventArgs e)
        {
            SawNewWork |= e.Entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted;
            if (_keepTracked)
            {
                (TrackedDuring ??= []).Add(e.Entry);
            }
        }

        private void OnStateChanged(object? sender, EntityStateChangedEventArgs e) =>
            SawNewWork |= e.NewState is EntityState.Added or EntityState.Modified or EntityState.Deleted;
    }

    /// <summary>
    /// Whether a pre/post pair of signals listens to a sender, and the sender's argument builder, looked up once per
    /// sender type per SaveChanges.
    /// </summary>
    private sealed class Listeners(ModelInfo info, Signal pre, Signal post)
    {
        private readonly Dictionary<Type, (bool Pre, bool Post, EntityArgs Factory)> _known = [];
        private Type? _lastType;
        private (bool Pre, bool Post, EntityArgs Factory) _last;

        public (bool Pre, bool Post, EntityArgs Factory) For(Type sender)
        {
            if (sender == _lastType)
            {
                return _last;
            }

            if (!_known.TryGetValue(sender, out var found))
            {
                found = (pre.IsSentTo(sender), post.IsSentTo(sender), info.ArgsFor(sender));
                _known[sender] = found;
            }

            _lastType = sender;
            _last = found;
            return found;
        }
    }
}
