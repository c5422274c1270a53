using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace BlogShop.Signals.EntityFrameworkCore;

/// <summary>
/// What the signals need to know about a model, computed once per model and stored on it as a runtime annotation
/// (no static cache): the join entity types of skip navigations, the cascade relationships and the argument builder
/// of each entity type.
/// </summary>
internal sealed class ModelInfo
{
    private const string AnnotationName = "BlogShop:Signals:ModelInfo";

    private readonly Dictionary<IEntityType, JoinInfo> _joins = [];
    private readonly Dictionary<Type, EntityArgs> _args = [];
    private readonly HashSet<IEntityType> _related = [];

    private ModelInfo(IModel model)
    {
        foreach (var entityType in model.GetEntityTypes())
        {
            if (!_args.ContainsKey(entityType.ClrType))
            {
                _args[entityType.ClrType] = EntityArgs.For(entityType.ClrType);
            }

            if (entityType.GetNavigations().Any() || entityType.GetSkipNavigations().Any() ||
                entityType.GetForeignKeys().Any() || entityType.GetReferencingForeignKeys().Any())
            {
                _related.Add(entityType);
            }

            foreach (var skip in entityType.GetDeclaredSkipNavigations())
            {
                var join = skip.JoinEntityType;
                if (_joins.ContainsKey(join))
                {
                    continue;
                }

                // Django's forward side is the model declaring the ManyToManyField. EF has no such side: the forward
                // side is the one whose foreign key comes first on the join entity (ArticleTag: Article).
                var first = join.GetForeignKeys().First();
                var forward = skip.ForeignKey == first ? skip : skip.Inverse ?? skip;
                _joins[join] = new JoinInfo(forward, forward == skip ? skip.Inverse : skip);
            }
        }
    }

    public static ModelInfo Of(IModel model) =>
        model.GetOrAddRuntimeAnnotationValue(AnnotationName, static m => new ModelInfo(m!), model);

    public bool HasJoins => _joins.Count > 0;

    /// <summary>The argument builder of an entity CLR type of this model.</summary>
    public EntityArgs ArgsFor(Type clrType) => _args.TryGetValue(clrType, out var args) ? args : EntityArgs.For(clrType);

    /// <summary>
    /// True when an entity of the type takes part in a relationship (a navigation or a foreign key on either side):
    /// editing one can track, delete or re-parent other entities, so its changes must be detected to find that work.
    /// </summary>
    public bool IsRelated(IEntityType entityType) => _related.Contains(entityType);

    public JoinInfo? FindJoin(IEntityType entityType) => _joins.GetValueOrDefault(entityType);

    public static bool IsCascade(IForeignKey foreignKey) =>
        foreignKey.DeleteBehavior is DeleteBehavior.Cascade or DeleteBehavior.ClientCascade;
}

/// <summary>The two sides of a many-to-many relation; <see cref="Inverse"/> is null when only one side navigates.</summary>
internal sealed record JoinInfo(ISkipNavigation Forward, ISkipNavigation? Inverse);
