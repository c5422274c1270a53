using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace BlogShop.Signals.EntityFrameworkCore;

/// <summary>
/// Django's deletion collector for one SaveChanges: finds every row a delete cascades to, loading the dependents the
/// database would delete silently (only for types somebody listens to), and orders them dependents first, each with
/// the entity whose deletion started it (its origin).
/// </summary>
internal static class DeleteCollector
{
    private static readonly MethodInfo LoadMethod =
        typeof(DeleteCollector).GetMethod(nameof(LoadAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static readonly MethodInfo PropertyMethod = typeof(EF).GetMethod(nameof(EF.Property))!;

    private static readonly MethodInfo ContainsMethod = typeof(Enumerable).GetMethods()
        .Single(m => m.Name == nameof(Enumerable.Contains) && m.GetParameters().Length == 2);

    public static async ValueTask<List<(object Entity, Type Sender, object Origin)>> CollectAsync(
        SignalsContextState state, List<EntityEntry> deletes, CancellationToken cancellationToken)
    {
        var context = state.Context;
        var info = ModelInfo.Of(context.Model);
        var listened = new Dictionary<IEntityType, bool>();
        var all = new List<EntityEntry>(deletes);
        var seen = new HashSet<object>(deletes.Select(e => e.Entity), ReferenceEqualityComparer.Instance);
        var frontier = all;
        while (frontier.Count > 0)
        {
            var byKey = new Dictionary<IForeignKey, List<EntityEntry>>();
            foreach (var principal in frontier)
            {
                foreach (var foreignKey in principal.Metadata.GetReferencingForeignKeys())
                {
                    var dependent = foreignKey.DeclaringEntityType;
                    if (ModelInfo.IsCascade(foreignKey) && foreignKey.PrincipalKey.IsPrimaryKey() && !dependent.IsOwned() &&
                        !dependent.HasSharedClrType && info.FindJoin(dependent) is null && Listened(dependent, state.Signals, info, listened))
                    {
                        if (!byKey.TryGetValue(foreignKey, out var principals))
                        {
                            byKey[foreignKey] = principals = [];
                        }

                        principals.Add(principal);
                    }
                }
            }

            foreach (var (foreignKey, principals) in byKey)
            {
                var load = (Task<List<object>>)LoadMethod.MakeGenericMethod(foreignKey.DeclaringEntityType.ClrType)
                    .Invoke(null, [context, foreignKey, principals, cancellationToken])!;
                foreach (var entity in await load.ConfigureAwait(false))
                {
                    // Deleted explicitly, like Django's collector, so the rows are deleted by EF (dependents first)
                    // and the change tracker does not keep entities whose rows the database removed.
                    var entry = context.Entry(entity);
                    if (entry.State != EntityState.Deleted)
                    {
                        entry.State = EntityState.Deleted;
                    }
                }
            }

            // Marking entities deleted makes EF cascade to their loaded dependents: pick those up as well.
            var next = new List<EntityEntry>();
            SaveDispatch.Collect(context, info, saves: null, next, joins: null, detect: null, seen);
            all.AddRange(next);
            frontier = next;
        }

        return Order(all, state.Depth == 1 ? state.DeleteOrigin : null);
    }

    /// <summary>Dependents first (depth first, post-order from each origin), like Django's sorted collector.</summary>
    /// <param name="all">Every entry to delete.</param>
    /// <param name="origin">One origin for all of them (a query's delete), or null: each root is the origin of its cascade.</param>
    private static List<(object Entity, Type Sender, object Origin)> Order(List<EntityEntry> all, object? origin)
    {
        var byKey = new Dictionary<KeyValues, EntityEntry>();
        foreach (var entry in all)
        {
            if (entry.Metadata.FindPrimaryKey() is { } key && Values(entry, key.Properties) is { } values)
            {
                byKey.TryAdd(new KeyValues(entry.Metadata.GetRootType(), values), entry);
            }
        }

        var children = new Dictionary<EntityEntry, List<EntityEntry>>();
        var roots = new List<EntityEntry>();
        foreach (var entry in all)
        {
            EntityEntry? parent = null;
            foreach (var foreignKey in entry.Metadata.GetForeignKeys())
            {
                if (ModelInfo.IsCascade(foreignKey) && foreignKey.PrincipalKey.IsPrimaryKey() &&
                    Values(entry, foreignKey.Properties) is { } values &&
                    byKey.TryGetValue(new KeyValues(foreignKey.PrincipalEntityType.GetRootType(), values), out var found) &&
                    found != entry)
                {
                    parent = found;
                    break;
                }
            }

            if (parent is null)
            {
                roots.Add(entry);
            }
            else
            {
                if (!children.TryGetValue(parent, out var list))
                {
                    children[parent] = list = [];
                }

                list.Add(entry);
            }
        }

        var ordered = new List<(object, Type, object)>(all.Count);
        var visited = new HashSet<EntityEntry>();
        foreach (var root in roots)
        {
            Visit(root, origin ?? root.Entity);
        }

        // Entries only reachable through a cycle of cascades have no root: each is its own origin.
        foreach (var entry in all)
        {
            Visit(entry, origin ?? entry.Entity);
        }

        return ordered;

        void Visit(EntityEntry entry, object origin)
        {
            if (!visited.Add(entry))
            {
                return;
            }

            if (children.TryGetValue(entry, out var list))
            {
                foreach (var child in list)
                {
                    Visit(child, origin);
                }
            }

            ordered.Add((entry.Entity, entry.Metadata.ClrType, origin));
        }
    }

    /// <summary>True when someone listens to deletes of this type, or of a type its deletion cascades to.</summary>
    private static bool Listened(IEntityType type, ModelSignals signals, ModelInfo info, Dictionary<IEntityType, bool> known)
    {
        if (known.TryGetValue(type, out var result))
        {
            return result;
        }

        known[type] = false; // a cycle of cascades ends here
        foreach (var derived in type.GetDerivedTypesInclusive())
        {
            if (signals.PreDelete.IsSentTo(derived.ClrType) || signals.PostDelete.IsSentTo(derived.ClrType))
            {
                return known[type] = true;
            }
        }

        foreach (var derived in type.GetDerivedTypesInclusive())
        {
            foreach (var foreignKey in derived.GetReferencingForeignKeys())
            {
                if (ModelInfo.IsCascade(foreignKey) && !foreignKey.DeclaringEntityType.IsOwned() &&
                    info.FindJoin(foreignKey.DeclaringEntityType) is null &&
                    Listened(foreignKey.DeclaringEntityType, signals, info, known))
                {
                    return known[type] = true;
                }
            }
        }

        return false;
    }

    private static object?[]? Values(EntityEntry entry, IReadOnlyList<IProperty> properties)
    {
        var values = new object?[properties.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = entry.Property(properties[i]).OriginalValue;
            if (values[i] is null)
            {
                return null;
            }
        }

        return values;
    }

    /// <summary>Loads (and tracks) the dependents of <paramref name="principals"/> through <paramref name="foreignKey"/>.</summary>
    private static async Task<List<object>> LoadAsync<TDependent>(
        DbContext context, IForeignKey foreignKey, List<EntityEntry> principals, CancellationToken cancellationToken)
        where TDependent : class
    {
        var parameter = Expression.Parameter(typeof(TDependent), "dependent");
        Expression? body = null;
        if (foreignKey.Properties.Count == 1)
        {
            var property = foreignKey.Properties[0];
            var keys = Array.CreateInstance(property.ClrType, principals.Count);
            for (var i = 0; i < principals.Count; i++)
            {
                keys.SetValue(principals[i].Property(foreignKey.PrincipalKey.Properties[0]).OriginalValue, i);
            }

            body = Expression.Call(ContainsMethod.MakeGenericMethod(property.ClrType), Expression.Constant(keys), Access(property));
        }
        else
        {
            foreach (var principal in principals)
            {
                Expression? match = null;
                for (var i = 0; i < foreignKey.Properties.Count; i++)
                {
                    var property = foreignKey.Properties[i];
                    var value = principal.Property(foreignKey.PrincipalKey.Properties[i]).OriginalValue;
                    var equal = Expression.Equal(Access(property), Expression.Constant(value, property.ClrType));
                    match = match is null ? equal : Expression.AndAlso(match, equal);
                }

                body = body is null ? match : Expression.OrElse(body, match!);
            }
        }

        var predicate = Expression.Lambda<Func<TDependent, bool>>(body!, parameter);
        var loaded = await context.Set<TDependent>().Where(predicate).ToListAsync(cancellationToken).ConfigureAwait(false);
        return loaded.ConvertAll(static d => (object)d);

        Expression Access(IProperty property) =>
            Expression.Call(PropertyMethod.MakeGenericMethod(property.ClrType), parameter, Expression.Constant(property.Name));
    }

    /// <summary>A primary key value of an entity type hierarchy, compared by value.</summary>
    private sealed class KeyValues(IEntityType root, object?[] values) : IEquatable<KeyValues>
    {
        private readonly IEntityType _root = root;
        private readonly object?[] _values = values;

        public bool Equals(KeyValues? other) =>
            other is not null && _root == other._root && _values.AsSpan().SequenceEqual(other._values);

        public override bool Equals(object? obj) => Equals(obj as KeyValues);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            hash.Add(_root);
            foreach (var value in _values)
            {
                hash.Add(value);
            }

            return hash.ToHashCode();
        }
    }
}
