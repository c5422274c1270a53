using Microsoft.EntityFrameworkCore;

namespace BlogShop.Signals.EntityFrameworkCore;

/// <summary>
/// Builds the per-entity arguments (<c>PostSave&lt;Comment&gt;</c>) of one entity CLR type, known only at run time,
/// without reflection per send: one instance per entity type, made once per model (see <see cref="ModelInfo"/>).
/// </summary>
internal abstract class EntityArgs
{
    public static EntityArgs For(Type clrType) =>
        (EntityArgs)Activator.CreateInstance(typeof(EntityArgs<>).MakeGenericType(clrType))!;

    public abstract PreSave PreSave(
        object instance, bool created, bool raw, DbContext context, IReadOnlySet<string>? updateFields, IReadOnlyDictionary<string, object?>? previous);

    public abstract PostSave PostSave(
        object instance, bool created, bool raw, DbContext context, IReadOnlySet<string>? updateFields, IReadOnlyDictionary<string, object?>? previous);

    public abstract PreDelete PreDelete(object instance, DbContext context, object origin);

    public abstract PostDelete PostDelete(object instance, DbContext context, object origin);

    public abstract PreInit PreInit(DbContext context);

    public abstract PostInit PostInit(object instance, DbContext context);
}

internal sealed class EntityArgs<TEntity> : EntityArgs
    where TEntity : class
{
    public override PreSave PreSave(
        object instance, bool created, bool raw, DbContext context, IReadOnlySet<string>? updateFields, IReadOnlyDictionary<string, object?>? previous) =>
        new PreSave<TEntity>((TEntity)instance, created, raw, context, updateFields, previous);

    public override PostSave PostSave(
        object instance, bool created, bool raw, DbContext context, IReadOnlySet<string>? updateFields, IReadOnlyDictionary<string, object?>? previous) =>
        new PostSave<TEntity>((TEntity)instance, created, raw, context, updateFields, previous);

    public override PreDelete PreDelete(object instance, DbContext context, object origin) =>
        new PreDelete<TEntity>((TEntity)instance, context, origin);

    public override PostDelete PostDelete(object instance, DbContext context, object origin) =>
        new PostDelete<TEntity>((TEntity)instance, context, origin);

    public override PreInit PreInit(DbContext context) => new PreInit<TEntity>(context);

    public override PostInit PostInit(object instance, DbContext context) => new PostInit<TEntity>((TEntity)instance, context);
}
