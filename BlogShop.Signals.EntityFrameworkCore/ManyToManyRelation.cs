using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace BlogShop.Signals.EntityFrameworkCore;

/// <summary>
/// One side of a many-to-many relation of one saved entity: Django's related manager (<c>car.parts</c>,
/// <c>part.car_set</c>). Each operation writes the join rows at once, in a transaction (the caller's when one is
/// open), and sends exactly Django's <c>m2m_changed</c> sequence with Django's arguments: <c>instance</c> this
/// entity, <c>reverse</c> true from the relation's inverse side, <c>model</c> the other side's type, <c>pk_set</c> as
/// Django computes it. Get one with <c>dbContext.ManyToMany(entity, e =&gt; e.Navigation)</c>.
/// </summary>
/// <remarks>
/// Only the join rows are written: the related entities must already be saved (have their keys). A receiver that
/// throws rolls the operation back (its transaction, or the caller's SaveChanges-free part of it) and the exception
/// propagates. The other pending changes of the context are saved with the join rows, so call these with none pending.
/// </remarks>
/// <typeparam name="TEntity">The entity whose relation changes.</typeparam>
/// <typeparam name="TRelated">The entities on the other side.</typeparam>
public sealed class ManyToManyRelation<TEntity, TRelated>
    where TEntity : class
    where TRelated : class
{
    private readonly DbContext _context;
    private readonly TEntity _instance;
    private readonly ISkipNavigation _navigation;
    private readonly bool _reverse;

    internal ManyToManyRelation(DbContext context, TEntity instance, ISkipNavigation navigation, bool reverse)
    {
        _context = context;
        _instance = instance;
        _navigation = navigation;
        _reverse = reverse;
    }

    /// <summary>
    /// Django's <c>add(*objs)</c>: relates <paramref name="objects"/>. <c>pre_add</c>/<c>post_add</c> carry the keys not
    /// already related (an empty set when all are), and are sent whenever objects are given.
    /// </summary>
    /// <exception cref="InvalidOperationException">An object is not saved yet (no key).</exception>
    public async Task AddAsync(IEnumerable<TRelated> objects, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var list = objects.ToList();
        if (list.Count == 0)
        {
            return;
        }

        await InTransactionAsync(async ct =>
        {
            var wanted = Keys(list);
            var existing = await RelatedKeysAsync(wanted, ct).ConfigureAwait(false);
            var missing = new HashSet<object>(wanted.Where(k => !existing.Contains(k)));
            await SendAsync(M2MAction.PreAdd, missing, ct).ConfigureAwait(false);
            var collection = await CollectionAsync(ct).ConfigureAwait(false);
            foreach (var item in list)
            {
                if (missing.Remove(KeyOf(item)))
                {
                    Track(item);
                    collection.Add(item);
                }
            }

            await SaveJoinRowsAsync(ct).ConfigureAwait(false);
            await SendAsync(M2MAction.PostAdd, new HashSet<object>(wanted.Where(k => !existing.Contains(k))), ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Django's <c>add()</c> of one object.</summary>
    public Task AddAsync(TRelated item, CancellationToken cancellationToken = default) => AddAsync([item], cancellationToken);

    /// <summary>
    /// Django's <c>create(**kwargs)</c>: saves <paramref name="item"/> (with its save signals), then adds it, so
    /// <c>pre_add</c> already carries its real key.
    /// </summary>
    public async Task<TRelated> CreateAsync(TRelated item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        await InTransactionAsync(async ct =>
        {
            _context.Add(item);
            await _context.SaveChangesAsync(ct).ConfigureAwait(false);
            await AddAsync([item], ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return item;
    }

    /// <summary>
    /// Django's <c>remove(*objs)</c>: unrelates <paramref name="objects"/>. <c>pre_remove</c>/<c>post_remove</c> carry
    /// every key given, related or not, and are sent whenever objects are given.
    /// </summary>
    public async Task RemoveAsync(IEnumerable<TRelated> objects, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var list = objects.ToList();
        if (list.Count == 0)
        {
            return;
        }

        await RemoveKeysAsync(Keys(list), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Django's <c>remove()</c> of one object.</summary>
    public Task RemoveAsync(TRelated item, CancellationToken cancellationToken = default) => RemoveAsync([item], cancellationToken);

    /// <summary>Django's <c>clear()</c>: <c>pre_clear</c>, every join row of this entity deleted, <c>post_clear</c>; no pk_set.</summary>
    public Task ClearAsync(CancellationToken cancellationToken = default) =>
        InTransactionAsync(async ct =>
        {
            await SendAsync(M2MAction.PreClear, null, ct).ConfigureAwait(false);
            var collection = await CollectionAsync(ct).ConfigureAwait(false);
            collection.Clear();
            await SaveJoinRowsAsync(ct).ConfigureAwait(false);
            await SendAsync(M2MAction.PostClear, null, ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>
    /// Django's <c>set(objs, clear=False)</c>. Without <paramref name="clear"/>: a remove of the related keys not in
    /// <paramref name="objects"/>, then an add of the new ones (each sent only when it has objects). With it: a clear,
    /// then an add of all of them.
    /// </summary>
    public async Task SetAsync(IEnumerable<TRelated> objects, bool clear = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var list = objects.ToList();
        await InTransactionAsync(async ct =>
        {
            if (clear)
            {
                await ClearAsync(ct).ConfigureAwait(false);
                await AddAsync(list, ct).ConfigureAwait(false);
                return;
            }

            var old = await RelatedKeysAsync(null, ct).ConfigureAwait(false);
            var added = new List<TRelated>();
            foreach (var item in list)
            {
                if (!old.Remove(KeyOf(item)))
                {
                    added.Add(item);
                }
            }

            if (old.Count > 0)
            {
                await RemoveKeysAsync(old, ct).ConfigureAwait(false);
            }

            await AddAsync(added, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    private Task RemoveKeysAsync(HashSet<object> keys, CancellationToken cancellationToken) =>
        InTransactionAsync(async ct =>
        {
            await SendAsync(M2MAction.PreRemove, keys, ct).ConfigureAwait(false);
            var collection = await CollectionAsync(ct).ConfigureAwait(false);
            foreach (var related in collection.Where(r => keys.Contains(KeyOf(r))).ToList())
            {
                collection.Remove(related);
            }

            await SaveJoinRowsAsync(ct).ConfigureAwait(false);
            await SendAsync(M2MAction.PostRemove, keys, ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Runs <paramref name="work"/> in the open transaction, or in one of its own (Django's atomic block).</summary>
    private async Task InTransactionAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        var database = _context.Database;
        if (database.CurrentTransaction is not null || !database.IsRelational() || System.Transactions.Transaction.Current is not null)
        {
            await work(cancellationToken).ConfigureAwait(false);
            return;
        }

        var transaction = await database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            await work(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The relation's collection with every related entity loaded (and their join rows tracked).</summary>
    private async Task<ICollection<TRelated>> CollectionAsync(CancellationToken cancellationToken)
    {
        var entry = _context.Entry(_instance).Collection(_navigation.Name);
        if (!entry.IsLoaded)
        {
            await entry.LoadAsync(cancellationToken).ConfigureAwait(false);
        }

        if (entry.CurrentValue is not ICollection<TRelated> collection)
        {
            throw new InvalidOperationException(
                $"{typeof(TEntity).Name}.{_navigation.Name} has no collection to add to: initialize it (e.g. = []).");
        }

        return collection;
    }

    /// <summary>The keys already related, among <paramref name="among"/> (null: all of them), read from the database.</summary>
    private async Task<HashSet<object>> RelatedKeysAsync(HashSet<object>? among, CancellationToken cancellationToken)
    {
        var query = (IQueryable<TRelated>)_context.Entry(_instance).Collection(_navigation.Name).Query();
        var result = new HashSet<object>();
        foreach (var related in await query.ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            var key = _context.Entry(related).Property(RelatedKey.Name).CurrentValue!;
            if (among is null || among.Contains(key))
            {
                result.Add(key);
            }
        }

        return result;
    }

    private async Task SaveJoinRowsAsync(CancellationToken cancellationToken)
    {
        var state = SignalsDbContextExtensions.RequireState(_context);
        var previous = state.ExplicitJoin;
        state.ExplicitJoin = _navigation.JoinEntityType;
        try
        {
            await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            state.ExplicitJoin = previous;
        }
    }

    private async Task SendAsync(M2MAction action, HashSet<object>? keys, CancellationToken cancellationToken)
    {
        var state = SignalsDbContextExtensions.RequireState(_context);
        var sender = _navigation.JoinEntityType.ClrType;
        var args = new M2MChangedArgs(action, _instance, _reverse, typeof(TRelated), keys is null ? null : new HashSet<object>(keys), _context);
        await state.Signals.M2MChanged.SendScopedAsync(sender, args, state.Services, robust: false, cancellationToken).ConfigureAwait(false);
    }

    private void Track(TRelated item)
    {
        if (_context.Entry(item).State == EntityState.Detached)
        {
            _context.Attach(item);
        }
    }

    private IProperty RelatedKey => _navigation.TargetEntityType.FindPrimaryKey() is { Properties: [var key] }
        ? key
        : throw new InvalidOperationException($"{typeof(TRelated).Name} needs a single-column key for a many-to-many relation with signals.");

    private object KeyOf(TRelated item)
    {
        var entry = _context.Entry(item);
        var property = entry.Property(RelatedKey.Name);
        if (entry.State is EntityState.Added or EntityState.Detached && (property.IsTemporary || Equals(property.CurrentValue, RelatedKey.Sentinel)))
        {
            throw new InvalidOperationException(
                $"The {typeof(TRelated).Name} needs to be saved (to have a key) before this many-to-many relationship can be used.");
        }

        return property.CurrentValue!;
    }

    private HashSet<object> Keys(List<TRelated> items) => [.. items.Select(KeyOf)];
}

/// <summary>Django's related managers as a first-class API: <c>db.ManyToMany(car, c =&gt; c.Parts).AddAsync(part)</c>.</summary>
public static class ManyToManyRelationExtensions
{
    /// <summary>The many-to-many relation <paramref name="navigation"/> of <paramref name="instance"/>, from its side.</summary>
    /// <param name="context">A DbContext configured with <c>UseSignals</c>.</param>
    /// <param name="instance">A saved entity (it is tracked by <paramref name="context"/> if it is not yet).</param>
    /// <param name="navigation">The skip navigation, e.g. <c>c =&gt; c.Parts</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="navigation"/> is not a many-to-many navigation of the model.</exception>
    /// <exception cref="InvalidOperationException">The context was not configured with <c>UseSignals</c>.</exception>
    public static ManyToManyRelation<TEntity, TRelated> ManyToMany<TEntity, TRelated>(
        this DbContext context, TEntity instance, Expression<Func<TEntity, IEnumerable<TRelated>>> navigation)
        where TEntity : class
        where TRelated : class
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(navigation);
        SignalsDbContextExtensions.RequireState(context);
        var name = navigation.Body is MemberExpression member ? member.Member.Name : null;
        var entityType = context.Model.FindEntityType(instance.GetType()) ?? context.Model.FindEntityType(typeof(TEntity));
        var skip = name is null ? null : entityType?.FindSkipNavigation(name) ?? entityType?.GetSkipNavigations().FirstOrDefault(s => s.Name == name);
        if (skip is null)
        {
            throw new ArgumentException($"{typeof(TEntity).Name}.{name ?? navigation.ToString()} is not a many-to-many navigation of the model.", nameof(navigation));
        }

        if (context.Entry(instance).State == EntityState.Detached)
        {
            context.Attach(instance);
        }

        var join = ModelInfo.Of(context.Model).FindJoin(skip.JoinEntityType)!;
        return new ManyToManyRelation<TEntity, TRelated>(context, instance, skip, reverse: join.Forward != skip);
    }
}
