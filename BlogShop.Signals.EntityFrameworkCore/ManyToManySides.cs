using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace BlogShop.Signals.EntityFrameworkCore;

/// <summary>
/// The side each join row was made from, recorded while a SaveChanges detects changes. EF creates (or deletes) a join
/// row while it detects the change of one entity's skip-navigation collection, then fixes up the other side's
/// collection without a change of its own: the entity being detected is the side the change was made from. The change
/// tracker's events are subscribed only while one SaveChanges with m2m_changed receivers detects its changes (they
/// cost two event calls and their argument objects per tracked entity each time changes are detected), and
/// unsubscribed by <see cref="Dispose"/>.
/// </summary>
internal sealed class ManyToManySides : IDisposable
{
    private readonly ChangeTracker _tracker;
    private readonly ModelInfo _info;
    private readonly Dictionary<object, EntityEntry> _owners = new(ReferenceEqualityComparer.Instance);
    private EntityEntry? _detecting;

    private ManyToManySides(ChangeTracker tracker, ModelInfo info)
    {
        _tracker = tracker;
        _info = info;
        tracker.DetectingEntityChanges += OnDetecting;
        tracker.DetectedEntityChanges += OnDetected;
        tracker.Tracked += OnTracked;
        tracker.StateChanged += OnStateChanged;
    }

    public static ManyToManySides Record(DbContext context, ModelInfo info) => new(context.ChangeTracker, info);

    /// <summary>
    /// The skip navigation whose collection lost or gained <paramref name="row"/>, or null when its change was not
    /// seen (detected before this SaveChanges, a graph attached with Add, a join row added directly).
    /// </summary>
    public ISkipNavigation? SideOf(EntityEntry row, JoinInfo join)
    {
        if (!_owners.TryGetValue(row.Entity, out var owner))
        {
            return null;
        }

        var type = owner.Metadata;
        var forward = join.Forward.DeclaringEntityType.IsAssignableFrom(type);
        var inverse = join.Inverse is { } other && other.DeclaringEntityType.IsAssignableFrom(type);
        if (forward && inverse)
        {
            // A relation of a type with itself: the side is the foreign key of the row that points to the owner.
            var key = join.Forward.ForeignKey.PrincipalKey.Properties;
            var values = ManyToManyChanges.Values(row, join.Forward.ForeignKey);
            for (var i = 0; i < values.Length; i++)
            {
                if (!Equals(values[i], owner.Property(key[i]).CurrentValue))
                {
                    return join.Inverse;
                }
            }

            return join.Forward;
        }

        return forward ? join.Forward : inverse ? join.Inverse : null;
    }

    public void Dispose()
    {
        _tracker.DetectingEntityChanges -= OnDetecting;
        _tracker.DetectedEntityChanges -= OnDetected;
        _tracker.Tracked -= OnTracked;
        _tracker.StateChanged -= OnStateChanged;
    }

    private void OnDetecting(object? sender, DetectEntityChangesEventArgs e) => _detecting = e.Entry;

    private void OnDetected(object? sender, DetectedEntityChangesEventArgs e) => _detecting = null;

    private void OnTracked(object? sender, EntityTrackedEventArgs e)
    {
        if (!e.FromQuery && e.Entry.State == EntityState.Added)
        {
            Note(e.Entry);
        }
    }

    private void OnStateChanged(object? sender, EntityStateChangedEventArgs e)
    {
        if (e.NewState == EntityState.Deleted)
        {
            Note(e.Entry);
        }
    }

    private void Note(EntityEntry row)
    {
        if (_detecting is { } owner && _info.FindJoin(row.Metadata) is not null)
        {
            _owners[row.Entity] = owner;
        }
    }
}
