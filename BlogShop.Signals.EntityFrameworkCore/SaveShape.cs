using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.ObjectModel;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace BlogShop.Signals.EntityFrameworkCore;

/// <summary>
/// What the save signals read from an updated entity of one type, computed once per entity type and stored on it as a
/// runtime annotation: its properties in order, their names, and the update-field sets seen so far.
/// </summary>
/// <remarks>
/// An update's previous values and fields live from pre_save until post_save, across the write. Kept as typed columns
/// (<see cref="PreviousRows"/>) and as a set shared by every update of the same properties, a SaveChanges of many rows
/// keeps no object per row alive for the garbage collector to move while the rows are written.
/// </remarks>
internal sealed class SaveShape
{
    private const string AnnotationName = "BlogShop:Signals:SaveShape";

    /// <summary>Field sets are shared by their bit mask, so only for types of up to 64 properties.</summary>
    private const int MaxMaskedProperties = 64;

    /// <summary>Different update-field sets kept per type; past this, further sets are built per update.</summary>
    private const int MaxSharedFieldSets = 256;

    private readonly IProperty[] _properties;
    private readonly PreviousColumn[] _columns;
    private readonly bool[] _isKey;
    private readonly IProperty[] _keys;
    private readonly string[] _keyNames;
    private readonly ConcurrentDictionary<ulong, IReadOnlySet<string>> _fieldSets = new();

    private SaveShape(IEntityType entityType)
    {
        _properties = [.. entityType.GetProperties()];
        _columns = [.. _properties.Select(p => PreviousColumn.For(p.ClrType))];
        _isKey = [.. _properties.Select(p => p.IsPrimaryKey())];
        Names = [.. _properties.Select(p => p.Name)];
        Index = Names.Select((name, i) => KeyValuePair.Create(name, i)).ToFrozenDictionary(StringComparer.Ordinal);
        TypeName = entityType.DisplayName();
        HasValues = _isKey.Contains(false);
        _keys = [.. entityType.FindPrimaryKey()?.Properties ?? []];
        _keyNames = [.. _keys.Select(p => p.Name)];
    }

    public string[] Names { get; }

    public FrozenDictionary<string, int> Index { get; }

    public string TypeName { get; }

    /// <summary>True when the type has a property besides its key.</summary>
    private bool HasValues { get; }

    public static SaveShape Of(IEntityType entityType) =>
        entityType.GetOrAddRuntimeAnnotationValue(AnnotationName, static t => new SaveShape(t!), entityType);

    /// <summary>Empty columns, one per property, for <paramref name="capacity"/> rows.</summary>
    public PreviousColumn[] NewColumns(int capacity)
    {
        var columns = new PreviousColumn[_columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = _columns[i].New(capacity);
        }

        return columns;
    }

    /// <summary>
    /// Reads an update: the original value of every property into row <paramref name="row"/> of
    /// <paramref name="rows"/>, and the modified properties as the result. <paramref name="everyValueModified"/> is
    /// true when every property besides the key is marked modified (the entity was attached with <c>Update()</c>, so
    /// EF knows no stored values).
    /// </summary>
    public IReadOnlySet<string> ReadUpdate(EntityEntry entry, PreviousRows rows, int row, out bool everyValueModified)
    {
        var mask = 0UL;
        HashSet<string>? wide = null;
        var every = HasValues;
        for (var i = 0; i < _properties.Length; i++)
        {
            var property = entry.Property(_properties[i]);
            rows.Set(row, i, property.OriginalValue);
            if (!property.IsModified)
            {
                every &= _isKey[i];
            }
            else if (_properties.Length <= MaxMaskedProperties)
            {
                mask |= 1UL << i;
            }
            else
            {
                (wide ??= new HashSet<string>(StringComparer.Ordinal)).Add(Names[i]);
            }
        }

        everyValueModified = every;
        return _properties.Length <= MaxMaskedProperties ? FieldSet(mask) : new ReadOnlySet<string>(wide ?? []);
    }

    /// <summary>Overwrites row <paramref name="row"/> of <paramref name="rows"/> with the values the database holds.</summary>
    public void ReadStored(PropertyValues stored, PreviousRows rows, int row)
    {
        for (var i = 0; i < _properties.Length; i++)
        {
            rows.Set(row, i, stored[_properties[i]]);
        }
    }

    /// <summary>Sets the original values <see cref="ReadUpdate"/> read (a rollback after EF accepted the changes).</summary>
    public void RestoreOriginals(EntityEntry entry, PreviousRows rows, int row)
    {
        for (var i = 0; i < _properties.Length; i++)
        {
            entry.Property(_properties[i]).OriginalValue = rows.Get(row, i);
        }
    }

    /// <summary>The names of the key properties of an insert whose values are temporary (generated on write).</summary>
    public string[] TemporaryKeys(EntityEntry entry)
    {
        var temporary = 0;
        foreach (var key in _keys)
        {
            if (entry.Property(key).IsTemporary)
            {
                temporary++;
            }
        }

        return temporary == _keys.Length ? _keyNames
            : temporary == 0 ? []
            : [.. _keys.Where(k => entry.Property(k).IsTemporary).Select(k => k.Name)];
    }

    private IReadOnlySet<string> FieldSet(ulong mask)
    {
        if (_fieldSets.TryGetValue(mask, out var known))
        {
            return known;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < _properties.Length; i++)
        {
            if ((mask & (1UL << i)) != 0)
            {
                names.Add(Names[i]);
            }
        }

        var set = new ReadOnlySet<string>(names);
        return _fieldSets.Count < MaxSharedFieldSets ? _fieldSets.GetOrAdd(mask, set) : set;
    }
}
