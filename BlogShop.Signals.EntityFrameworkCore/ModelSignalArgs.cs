using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Signals.EntityFrameworkCore;

/// <summary>Arguments of <c>pre_init</c> / <c>post_init</c>.</summary>
/// <param name="EntityType">The entity type being materialized.</param>
/// <param name="Instance">The materialized entity; null in <c>pre_init</c>.</param>
/// <param name="Using">The DbContext running the query.</param>
public sealed record InitArgs(Type EntityType, object? Instance, DbContext Using);

/// <summary>Arguments of <c>pre_save</c> / <c>post_save</c>.</summary>
/// <param name="Instance">The entity being saved.</param>
/// <param name="Created">True for an insert.</param>
/// <param name="Raw">True when the entity is saved exactly as loaded (fixtures, seed data): receivers should not
/// touch other rows.</param>
/// <param name="Using">The DbContext saving it.</param>
/// <param name="UpdateFields">The modified properties of an update; null for an insert.</param>
/// <param name="Previous">The values of an update as stored before it (property name to value); null for an insert.</param>
public sealed record SaveArgs(
    object Instance,
    bool Created,
    bool Raw,
    DbContext Using,
    IReadOnlySet<string>? UpdateFields,
    IReadOnlyDictionary<string, object?>? Previous)
{
    /// <summary>True when <paramref name="property"/> is an update field whose value differs from the stored one.</summary>
    public bool HasChanged(string property) =>
        Created || (Previous is not null && Previous.TryGetValue(property, out var old) &&
                    !Equals(old, Using.Entry(Instance).Property(property).CurrentValue));

    /// <summary>The stored value of <paramref name="property"/> before this update; default for an insert.</summary>
    public T? GetPrevious<T>(string property) =>
        Previous is not null && Previous.TryGetValue(property, out var old) && old is T value ? value : default;
}

/// <summary>Arguments of <c>pre_delete</c> / <c>post_delete</c>.</summary>
/// <param name="Instance">The entity being deleted.</param>
/// <param name="Using">The DbContext deleting it.</param>
/// <param name="Origin">The entity whose deletion started this one (itself unless cascaded).</param>
public sealed record DeleteArgs(object Instance, DbContext Using, object Origin);

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
/// <param name="Using">The DbContext saving the change.</param>
public sealed record M2MChangedArgs(
    M2MAction Action, object Instance, bool Reverse, Type Model, IReadOnlySet<object>? PkSet, DbContext Using);

/// <summary>Arguments of <c>pre_migrate</c> / <c>post_migrate</c>.</summary>
/// <param name="Using">The DbContext migrating.</param>
/// <param name="Migrations">The migrations to apply (pre) or applied (post), oldest first.</param>
public sealed record MigrateArgs(DbContext Using, IReadOnlyList<string> Migrations);

/// <summary>Arguments of <c>connection_created</c>.</summary>
/// <param name="Connection">The connection just opened.</param>
/// <param name="Using">The DbContext that opened it.</param>
public sealed record ConnectionCreatedArgs(DbConnection Connection, DbContext Using);
