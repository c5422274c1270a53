namespace BlogShop.Signals.EntityFrameworkCore;

/// <summary>
/// Django's model signals, sent by EF Core for a DbContext configured with <c>options.UseSignals(serviceProvider)</c>.
/// The sender is always the entity's CLR type (for <see cref="M2MChanged"/>, the join entity type), and the save,
/// delete and init signals send their per-entity arguments (<c>PostSave&lt;Comment&gt;</c>): a receiver of
/// <c>ISignalReceiver&lt;PostSave&lt;Comment&gt;&gt;</c> or <c>PostSave.Connect((PostSave&lt;Comment&gt; e) =&gt; ...)</c> gets the
/// saves of comments only, <c>e.Instance</c> typed; one of <c>PostSave</c> gets every entity type's.
/// One instance per host: take it from dependency injection.
/// </summary>
/// <remarks>
/// As in Django, the signals whose sender is an entity type cache their receivers per sender: receivers usually name
/// their entity type, so without the cache every send would filter the whole receiver list.
/// </remarks>
public sealed class ModelSignals
{
    /// <summary><c>pre_init</c>: EF is about to materialize an entity from a query row (sent per row).</summary>
    public Signal<PreInit> PreInit { get; } = new("pre_init", useCaching: true) { ArgsBySender = typeof(PreInit<>) };

    /// <summary><c>post_init</c>: EF materialized an entity from a query row; <see cref="PostInit.Instance"/> is set.</summary>
    public Signal<PostInit> PostInit { get; } = new("post_init", useCaching: true) { ArgsBySender = typeof(PostInit<>) };

    /// <summary><c>pre_save</c>: before an added or modified entity is written. Changes made to the instance are saved.</summary>
    public Signal<PreSave> PreSave { get; } = new("pre_save", useCaching: true) { ArgsBySender = typeof(PreSave<>) };

    /// <summary><c>post_save</c>: after the row was written (not sent when SaveChanges fails).</summary>
    public Signal<PostSave> PostSave { get; } = new("post_save", useCaching: true) { ArgsBySender = typeof(PostSave<>) };

    /// <summary><c>pre_delete</c>: before a row (or a row the database cascades to) is deleted.</summary>
    public Signal<PreDelete> PreDelete { get; } = new("pre_delete", useCaching: true) { ArgsBySender = typeof(PreDelete<>) };

    /// <summary><c>post_delete</c>: after the row was deleted; the instance still has its key.</summary>
    public Signal<PostDelete> PostDelete { get; } = new("post_delete", useCaching: true) { ArgsBySender = typeof(PostDelete<>) };

    /// <summary><c>m2m_changed</c>: a many-to-many (skip navigation) relation changed.</summary>
    public Signal<M2MChangedArgs> M2MChanged { get; } = new("m2m_changed", useCaching: true);

    /// <summary><c>pre_migrate</c>: before migrations are applied.</summary>
    public Signal<PreMigrate> PreMigrate { get; } = new("pre_migrate");

    /// <summary><c>post_migrate</c>: after migrations were applied.</summary>
    public Signal<PostMigrate> PostMigrate { get; } = new("post_migrate");

    /// <summary><c>connection_created</c>: a DbContext opened a new database connection.</summary>
    public Signal<ConnectionCreatedArgs> ConnectionCreated { get; } = new("connection_created");
}
