using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Signals.EntityFrameworkCore;

// Each model signal has an argument type of its own, so a receiver's argument type names its signal. The save, delete
// and init signals come in two forms: the abstract one (PostSave) receives from every entity type, the generic one
// (PostSave<Comment>) names the sender and types the instance. A send always carries the generic form of the entity's
// CLR type, which is also the sender.

/// <summary>What <c>pre_save</c> and <c>post_save</c> carry: <see cref="PreSave"/> and <see cref="PostSave"/> derive from it.</summary>
public abstract class SaveArgs
{
    private protected SaveArgs(
        object instance, bool created, bool raw, DbContext context, IReadOnlySet<string>? updateFields, IReadOnlyDictionary<string, object?>? previous)
    {
        Instance = instance;
        Created = created;
        Raw = raw;
        Context = context;
        UpdateFields = updateFields;
        Previous = previous;
    }

    /// <summary>The entity being saved.</summary>
    public object Instance { get; }

    /// <summary>True for an insert.</summary>
    public bool Created { get; }

    /// <summary>True when the entity is saved exactly as loaded (fixtures, seed data): receivers should not touch other rows.</summary>
    public bool Raw { get; }

    /// <summary>The DbContext saving it.</summary>
    public DbContext Context { get; }

    /// <summary>The modified properties of an update; null for an insert.</summary>
    public IReadOnlySet<string>? UpdateFields { get; }

    /// <summary>The values of an update as stored before it (property name to value); null for an insert.</summary>
    public IReadOnlyDictionary<string, object?>? Previous { get; }

    /// <summary>True for an insert, and when <paramref name="property"/> is an update field whose value differs from
    /// the stored one (give it with <c>nameof</c>, so the compiler checks it).</summary>
    public bool HasChanged(string property) =>
        Created || (Previous is not null && Previous.TryGetValue(property, out var old) &&
                    !Equals(old, Context.Entry(Instance).Property(property).CurrentValue));

    /// <summary>The stored value of <paramref name="property"/> before this update; default for an insert.</summary>
    public T? GetPrevious<T>(string property) =>
        Previous is not null && Previous.TryGetValue(property, out var old) && old is T value ? value : default;
}

/// <summary>Arguments of <c>pre_save</c> (before an added or modified entity is written), for any entity type.</summary>
public abstract class PreSave : SaveArgs
{
    private protected PreSave(
        object instance, bool created, bool raw, DbContext context, IReadOnlySet<string>? updateFields, IReadOnlyDictionary<string, object?>? previous)
        : base(instance, created, raw, context, updateFields, previous)
    {
    }
}

/// <summary>Arguments of <c>pre_save</c> for a <typeparamref name="TEntity"/>: receivers of this type get saves of it only.</summary>
/// <typeparam name="TEntity">The entity type, which is also the sender.</typeparam>
public sealed class PreSave<TEntity> : PreSave
    where TEntity : class
{
    /// <summary>Creates the arguments (the library does for each save; tests of a receiver may too).</summary>
    public PreSave(
        TEntity instance, bool created, bool raw, DbContext context,
        IReadOnlySet<string>? updateFields = null, IReadOnlyDictionary<string, object?>? previous = null)
        : base(instance, created, raw, context, updateFields, previous)
    {
    }

    /// <summary>The entity being saved.</summary>
    public new TEntity Instance => (TEntity)base.Instance;
}

/// <summary>Arguments of <c>post_save</c> (after the row was written), for any entity type.</summary>
public abstract class PostSave : SaveArgs
{
    private protected PostSave(
        object instance, bool created, bool raw, DbContext context, IReadOnlySet<string>? updateFields, IReadOnlyDictionary<string, object?>? previous)
        : base(instance, created, raw, context, updateFields, previous)
    {
    }
}

/// <summary>Arguments of <c>post_save</c> for a <typeparamref name="TEntity"/>: receivers of this type get saves of it only.</summary>
/// <typeparam name="TEntity">The entity type, which is also the sender.</typeparam>
public sealed class PostSave<TEntity> : PostSave
    where TEntity : class
{
    /// <summary>Creates the arguments (the library does for each save; tests of a receiver may too).</summary>
    public PostSave(
        TEntity instance, bool created, bool raw, DbContext context,
        IReadOnlySet<string>? updateFields = null, IReadOnlyDictionary<string, object?>? previous = null)
        : base(instance, created, raw, context, updateFields, previous)
    {
    }

    /// <summary>The entity saved.</summary>
    public new TEntity Instance => (TEntity)base.Instance;
}

/// <summary>What <c>pre_delete</c> and <c>post_delete</c> carry: <see cref="PreDelete"/> and <see cref="PostDelete"/> derive from it.</summary>
public abstract class DeleteArgs
{
    private protected DeleteArgs(object instance, DbContext context, object origin)
    {
        Instance = instance;
        Context = context;
        Origin = origin;
    }

    /// <summary>The entity being deleted.</summary>
    public object Instance { get; }

    /// <summary>The DbContext deleting it.</summary>
    public DbContext Context { get; }

    /// <summary>The entity whose deletion started this one (itself unless cascaded).</summary>
    public object Origin { get; }
}

/// <summary>Arguments of <c>pre_delete</c> (before a row, or a row the database cascades to, is deleted), for any entity type.</summary>
public abstract class PreDelete : DeleteArgs
{
    private protected PreDelete(object instance, DbContext context, object origin)
        : base(instance, context, origin)
    {
    }
}

/// <summary>Arguments of <c>pre_delete</c> for a <typeparamref name="TEntity"/>: receivers of this type get deletes of it only.</summary>
/// <typeparam name="TEntity">The entity type, which is also the sender.</typeparam>
public sealed class PreDelete<TEntity> : PreDelete
    where TEntity : class
{
    /// <summary>Creates the arguments (the library does for each delete; tests of a receiver may too).</summary>
    public PreDelete(TEntity instance, DbContext context, object origin)
        : base(instance, context, origin)
    {
    }

    /// <summary>The entity being deleted.</summary>
    public new TEntity Instance => (TEntity)base.Instance;
}

/// <summary>Arguments of <c>post_delete</c> (after the row was deleted; the instance still has its key), for any entity type.</summary>
public abstract class PostDelete : DeleteArgs
{
    private protected PostDelete(object instance, DbContext context, object origin)
        : base(instance, context, origin)
    {
    }
}

/// <summary>Arguments of <c>post_delete</c> for a <typeparamref name="TEntity"/>: receivers of this type get deletes of it only.</summary>
/// <typeparam name="TEntity">The entity type, which is also the sender.</typeparam>
public sealed class PostDelete<TEntity> : PostDelete
    where TEntity : class
{
    /// <summary>Creates the arguments (the library does for each delete; tests of a receiver may too).</summary>
    public PostDelete(TEntity instance, DbContext context, object origin)
        : base(instance, context, origin)
    {
    }

    /// <summary>The entity deleted.</summary>
    public new TEntity Instance => (TEntity)base.Instance;
}

/// <summary>Arguments of <c>pre_init</c> (EF is about to materialize an entity from a query row), for any entity type.</summary>
public abstract class PreInit
{
    private protected PreInit(Type entityType, DbContext context)
    {
        EntityType = entityType;
        Context = context;
    }

    /// <summary>The entity type being materialized.</summary>
    public Type EntityType { get; }

    /// <summary>The DbContext running the query.</summary>
    public DbContext Context { get; }
}

/// <summary>Arguments of <c>pre_init</c> for a <typeparamref name="TEntity"/>: receivers of this type get its rows only.</summary>
/// <typeparam name="TEntity">The entity type, which is also the sender.</typeparam>
public sealed class PreInit<TEntity> : PreInit
    where TEntity : class
{
    /// <summary>Creates the arguments (the library does for each row; tests of a receiver may too).</summary>
    public PreInit(DbContext context)
        : base(typeof(TEntity), context)
    {
    }
}

/// <summary>Arguments of <c>post_init</c> (EF materialized an entity from a query row), for any entity type.</summary>
public abstract class PostInit
{
    private protected PostInit(object instance, DbContext context)
    {
        Instance = instance;
        Context = context;
    }

    /// <summary>The materialized entity.</summary>
    public object Instance { get; }

    /// <summary>The DbContext running the query.</summary>
    public DbContext Context { get; }
}

/// <summary>Arguments of <c>post_init</c> for a <typeparamref name="TEntity"/>: receivers of this type get its rows only.</summary>
/// <typeparam name="TEntity">The entity type, which is also the sender.</typeparam>
public sealed class PostInit<TEntity> : PostInit
    where TEntity : class
{
    /// <summary>Creates the arguments (the library does for each row; tests of a receiver may too).</summary>
    public PostInit(TEntity instance, DbContext context)
        : base(instance, context)
    {
    }

    /// <summary>The materialized entity.</summary>
    public new TEntity Instance => (TEntity)base.Instance;
}

/// <summary>The <c>action</c> of <c>m2m_changed</c>.</summary>
public enum M2MAction
{
    /// <summary>Before rows are added to the relation.</summary>
    PreAdd,

    /// <summary>After rows were added.</summary>
    PostAdd,

    /// <summary>Before rows are removed.</summary>
    PreRemove,

    /// <summary>After rows were removed.</summary>
    PostRemove,

    /// <summary>Before the relation is cleared.</summary>
    PreClear,

    /// <summary>After the relation was cleared.</summary>
    PostClear,
}

/// <summary>Arguments of <c>m2m_changed</c>.</summary>
/// <param name="Action">What happens to the relation.</param>
/// <param name="Instance">The entity whose relation changes.</param>
/// <param name="Reverse">True when <paramref name="Instance"/> is on the relation's inverse side.</param>
/// <param name="Model">The CLR type of the entities added or removed.</param>
/// <param name="PkSet">The keys added or removed (for add, only those actually added); null for clears.</param>
/// <param name="Context">The DbContext saving the change.</param>
public sealed record M2MChangedArgs(
    M2MAction Action, object Instance, bool Reverse, Type Model, IReadOnlySet<object>? PkSet, DbContext Context);

/// <summary>Arguments of <c>pre_migrate</c>.</summary>
/// <param name="Context">The DbContext migrating.</param>
/// <param name="Migrations">The migrations to apply, oldest first.</param>
public sealed record PreMigrate(DbContext Context, IReadOnlyList<string> Migrations);

/// <summary>Arguments of <c>post_migrate</c>.</summary>
/// <param name="Context">The DbContext migrating.</param>
/// <param name="Migrations">The migrations applied, oldest first.</param>
public sealed record PostMigrate(DbContext Context, IReadOnlyList<string> Migrations);

/// <summary>Arguments of <c>connection_created</c>.</summary>
/// <param name="Connection">The connection just opened.</param>
/// <param name="Context">The DbContext that opened it.</param>
public sealed record ConnectionCreatedArgs(DbConnection Connection, DbContext Context);
