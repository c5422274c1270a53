using System.Collections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace BlogShop.Signals.EntityFrameworkCore;

/// <summary>
/// m2m_changed for skip navigations. EF records a many-to-many change as join rows added or deleted, without the side
/// it was made from; the rows of one join type are grouped by the side with fewer distinct owners (one call
/// <c>article.Tags.Add(a, b)</c> becomes one signal for the article), the forward side on a tie.
/// </summary>
internal static class ManyToManyChanges
{
    public static async ValueTask<List<Change>?> SendPreAsync(
        SignalsContextState state, ModelInfo info, List<EntityEntry> joins, CancellationToken cancellationToken)
    {
        var context = state.Context;
        List<Change>? changes = null;
        foreach (var group in joins.GroupBy(j => j.Metadata))
        {
            if (group.Key == state.ExplicitJoin || !state.Signals.M2MChanged.HasListeners(group.Key.ClrType))
            {
                continue;
            }

            var join = info.FindJoin(group.Key)!;
            var rows = group.ToList();
            var side = join.Forward;
            if (join.Inverse is { } inverse &&
                Distinct(rows, inverse.ForeignKey) < Distinct(rows, join.Forward.ForeignKey))
            {
                side = inverse;
            }

            var otherKey = join.Inverse is { } other
                ? (side == join.Forward ? other.ForeignKey : join.Forward.ForeignKey)
                : group.Key.GetForeignKeys().First(fk => fk != side.ForeignKey);

            var removes = new List<Change>();
            var adds = new List<Change>();
            foreach (var byOwner in rows.GroupBy(r => (r.State, Key: new KeyOf(Values(r, side.ForeignKey)))))
            {
                var owner = await FindAsync(context, side.DeclaringEntityType, byOwner.Key.Key.Values, cancellationToken).ConfigureAwait(false);
                if (owner is null || context.Entry(owner).State == EntityState.Deleted)
                {
                    continue; // Rows of a deleted entity go with it, silently, as in Django.
                }

                var kept = new List<EntityEntry>();
                foreach (var row in byOwner)
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
                var cleared = !added && context.Entry(owner).Navigation(side.Name).CurrentValue is IEnumerable current &&
                              !current.GetEnumerator().MoveNext();
                var change = new Change(group.Key.ClrType, owner, side != join.Forward, side.TargetEntityType.ClrType, kept, otherKey, added, cleared);
                (added ? adds : removes).Add(change);
            }

            foreach (var change in removes.Concat(adds))
            {
                var action = change.Added ? M2MAction.PreAdd : change.Cleared ? M2MAction.PreClear : M2MAction.PreRemove;
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
            var action = change.Added ? M2MAction.PostAdd : change.Cleared ? M2MAction.PostClear : M2MAction.PostRemove;
            state.Dispatching(state.Signals.M2MChanged, change.Sender, change.Instance);
            await state.Signals.M2MChanged.SendScopedAsync(change.Sender, change.Args(action, state.Context), state.Services, robust: false, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private static int Distinct(List<EntityEntry> rows, IForeignKey foreignKey) =>
        rows.Select(r => new KeyOf(Values(r, foreignKey))).Distinct().Count();

    private static object?[] Values(EntityEntry row, IForeignKey foreignKey)
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
        Type sender, object instance, bool reverse, Type model, List<EntityEntry> rows, IForeignKey otherKey, bool added, bool cleared)
    {
        public Type Sender { get; } = sender;

        public object Instance { get; } = instance;

        public bool Added { get; } = added;

        public bool Cleared { get; } = cleared;

        private readonly HashSet<object>? _keysBefore = cleared ? null : Keys(rows, otherKey);

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
