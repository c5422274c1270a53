namespace BlogShop.Signals.EntityFrameworkCore;

/// <summary>
/// Django's model signals, sent by EF Core for a DbContext configured with <c>options.UseSignals(serviceProvider)</c>.
/// The sender is always the entity's CLR type (for <see cref="M2MChanged"/>, the join entity type).
/// One instance per host: take it from dependency injection.
/// </summary>
/// <remarks>
/// As in Django, the signals whose sender is an entity type cache their receivers per sender: receivers usually name
/// their entity type, so without the cache every send would filter the whole receiver list.
/// </remarks>
public sealed class ModelSignals
{
    /// <summary><c>pre_init</c>: EF is about to materialize an entity from a query row (sent per row).</summary>
    public Signal<InitArgs> PreInit { get; } = new("pre_init", useCaching: true);

    /// <summary><c>post_init</c>: EF materialized an entity from a query row; <see cref="InitArgs.Instance"/> is set.</summary>
    public Signal<InitArgs> PostInit { get; } = new("post_init", useCaching: true);

    /// <summary><c>pre_save</c>: before an added or modified entity is written. Changes made to the instance are saved.</summary>
    public Signal<SaveArgs> PreSave { get; } = new("pre_save", useCaching: true);

    /// <summary><c>post_save</c>: after the row was written (not sent when SaveChanges fails).</summary>
    public Signal<SaveArgs> PostSave { get; } = new("post_save", useCaching: true);

    /// <summary><c>pre_delete</c>: before a row (or a row the database cascades to) is deleted.</summary>
    public Signal<DeleteArgs> PreDelete { get; } = new("pre_delete", useCaching: true);

    /// <summary><c>post_delete</c>: after the row was deleted; the instance still has its key.</summary>
    public Signal<DeleteArgs> PostDelete { get; } = new("post_delete", useCaching: true);

    /// <summary><c>m2m_changed</c>: a many-to-many (skip navigation) relation changed.</summary>
    public Signal<M2MChangedArgs> M2MChanged { get; } = new("m2m_changed", useCaching: true);

    /// <summary><c>pre_migrate</c>: before migrations are applied.</summary>
    public Signal<MigrateArgs> PreMigrate { get; } = new("pre_migrate");

    /// <summary><c>post_migrate</c>: after migrations were applied.</summary>
    public Signal<MigrateArgs> PostMigrate { get; } = new("post_migrate");

    /// <summary><c>connection_created</c>: a DbContext opened a new database connection.</summary>
    public Signal<ConnectionCreatedArgs> ConnectionCreated { get; } = new("connection_created");
}
