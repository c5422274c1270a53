using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace BlogShop.Signals.EntityFrameworkCore;

/// <summary>
/// m2m_changed for join rows of skip navigations written by SaveChanges (plain collection edits). Each row is reported
/// from the side it was made from when <see cref="ManyToManySides"/> saw it; otherwise from the side with fewer distinct
/// owners (one call <c>article.Tags.Add(a, b)</c> becomes one signal for the article), on a tie the side whose
/// collections are loaded when only that side's are, else the forward side. A removal is always a remove with the
/// removed keys, never a clear: which rows stay in the database is not known without a query, and Django's own
/// <c>remove()</c> of every related object sends a remove too. The exact clear is <see cref="ManyToManyRelation{TEntity, TRelated}.ClearAsync"/>.
/// </summary>
internal static class ManyToManyChanges
{
    public static async ValueTask<List<Change>?> SendPreAsync(
        SignalsContextState state, ModelInfo info, List<EntityEntry> joins, ManyToManySides sides, CancellationToken cancellationToken)
    {
        var context = state.Context;
        List<Change>? changes = null;
        foreach (var group in joins.GroupBy(j => j.Metadata))
        {
            if (group.Key == state.ExplicitJoin || !state.Signals.M2MChanged.IsSentTo(group.Key.ClrType))
            {
                continue;
            }

            var join = info.FindJoin(group.Key)!;
            var rows = new List<(ISkipNavigation Side, EntityEntry Row)>();
            List<EntityEntry>? unseen = null;
            foreach (var row in group)
            {
                if (sides.SideOf(row, join) is { } seen)
                {
                    rows.Add((seen, row));
                }
                else
                {
                    (unseen ??= []).Add(row);
                }
            }

            if (unseen is not null)
            {
                var side = await UnseenSideAsync(context, join, unseen, cancellationToken).ConfigureAwait(false);
                rows.AddRange(unseen.Select(row => (side, row)));
            }

            var removes = new List<Change>();
            var adds = new List<Change>();
            foreach (var byOwner in rows.GroupBy(r => (r.Side, r.Row.State, Key: new KeyOf(Values(r.Row, r.Side.ForeignKey)))))
            {
                var side = byOwner.Key.Side;
                var owner = await FindAsync(context, side.DeclaringEntityType, byOwner.Key.Key.Values, cancellationToken).ConfigureAwait(false);
                if (owner is null || context.Entry(owner).State == EntityState.Deleted)
                {
                    continue; // Rows of a deleted entity go with it, silently, as in Django.
                }

                var otherKey = join.Inverse is { } other
                    ? (side == join.Forward ? other.ForeignKey : join.Forward.ForeignKey)
                    : group.Key.GetForeignKeys().First(fk => fk != side.ForeignKey);
                var kept = new List<EntityEntry>();
                foreach (var (_, row) in byOwner)
                {
                    var target = await FindAsync(context, otherKey.PrincipalEntityType, Values(row, otherKey), cancellationToken).ConfigureAwait(false);
                    if (target is null || context.Entry(target).State != EntityState.Deleted)
                    {
                        kept.Add(row);
                    }
                }

                if (kept.Count == 0)
                {
                    continue;
                }

                var added = byOwner.Key.State == EntityState.Added;
                var change = new Change(group.Key.ClrType, owner, side != join.Forward, side.TargetEntityType.ClrType, kept, otherKey, added);
                (added ? adds : removes).Add(change);
            }

            foreach (var change in removes.Concat(adds))
            {
                var action = change.Added ? M2MAction.PreAdd : M2MAction.PreRemove;
                state.Dispatching(state.Signals.M2MChanged, change.Sender, change.Instance);
                await state.Signals.M2MChanged.SendScopedAsync(change.Sender, change.Args(action, context), state.Services, robust: false, cancellationToken)
                    .ConfigureAwait(false);
                (changes ??= []).Add(change);
            }
        }

        return changes;
    }

    public static async ValueTask SendPostAsync(SignalsContextState state, List<Change> changes, CancellationToken cancellationToken)
    {
        foreach (var change in changes)
        {
            var action = change.Added ? M2MAction.PostAdd : M2MAction.PostRemove;
            state.Dispatching(state.Signals.M2MChanged, change.Sender, change.Instance);
            await state.Signals.M2MChanged.SendScopedAsync(change.Sender, change.Args(action, state.Context), state.Services, robust: false, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    /// <summary>The side of rows whose change <see cref="ManyToManySides"/> did not see.</summary>
    private static async ValueTask<ISkipNavigation> UnseenSideAsync(
        DbContext context, JoinInfo join, List<EntityEntry> rows, CancellationToken cancellationToken)
    {
        if (join.Inverse is not { } inverse)
        {
            return join.Forward;
        }

        var (forwardOwners, inverseOwners) = (Distinct(rows, join.Forward.ForeignKey), Distinct(rows, inverse.ForeignKey));
        if (forwardOwners != inverseOwners)
        {
            return inverseOwners < forwardOwners ? inverse : join.Forward;
        }

        return await AllLoadedAsync(context, rows, inverse, cancellationToken).ConfigureAwait(false) &&
               !await AllLoadedAsync(context, rows, join.Forward, cancellationToken).ConfigureAwait(false)
            ? inverse
            : join.Forward;
    }

    /// <summary>True when the collection <paramref name="side"/> of every owner of <paramref name="rows"/> was loaded.</summary>
    private static async ValueTask<bool> AllLoadedAsync(DbContext context, List<EntityEntry> rows, ISkipNavigation side, CancellationToken cancellationToken)
    {
        foreach (var row in rows)
        {
            var owner = await FindAsync(context, side.DeclaringEntityType, Values(row, side.ForeignKey), cancellationToken).ConfigureAwait(false);
            if (owner is null || !context.Entry(owner).Navigation(side.Name).IsLoaded)
            {
                return false;
            }
        }

        return true;
    }

    private static int Distinct(List<EntityEntry> rows, IForeignKey foreignKey) =>
        rows.Select(r => new KeyOf(Values(r, foreignKey))).Distinct().Count();

    internal static object?[] Values(EntityEntry row, IForeignKey foreignKey)
    {
        var values = new object?[foreignKey.Properties.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var property = row.Property(foreignKey.Properties[i]);
            values[i] = row.State == EntityState.Deleted ? property.OriginalValue : property.CurrentValue;
        }

        return values;
    }

    private static async ValueTask<object?> FindAsync(DbContext context, IEntityType type, object?[] key, CancellationToken cancellationToken) =>
        await context.FindAsync(type.ClrType, key, cancellationToken).ConfigureAwait(false);

    /// <summary>One m2m_changed pair (pre and post) for one owner.</summary>
    internal sealed class Change(
        Type sender, object instance, bool reverse, Type model, List<EntityEntry> rows, IForeignKey otherKey, bool added)
    {
        public Type Sender { get; } = sender;

        public object Instance { get; } = instance;

        public bool Added { get; } = added;

        private readonly HashSet<object> _keysBefore = Keys(rows, otherKey);

        /// <summary>The arguments. Added rows are read again after the write, when generated keys are real.</summary>
        public M2MChangedArgs Args(M2MAction action, DbContext context) =>
            new(action, Instance, reverse, model, action == M2MAction.PostAdd ? Keys(rows, otherKey) : _keysBefore, context);

        private static HashSet<object> Keys(List<EntityEntry> rows, IForeignKey foreignKey)
        {
            var keys = new HashSet<object>();
            foreach (var row in rows)
            {
                var values = Values(row, foreignKey);
                keys.Add(values.Length == 1 ? values[0]! : values);
            }

            return keys;
        }
    }

    /// <summary>Key values compared by value.</summary>
    private readonly record struct KeyOf(object?[] Values)
    {
        public bool Equals(KeyOf other) => Values.AsSpan().SequenceEqual(other.Values);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var value in Values)
            {
                hash.Add(value);
            }

            return hash.ToHashCode();
        }
    }
}
