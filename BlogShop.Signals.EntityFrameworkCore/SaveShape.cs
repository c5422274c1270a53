using System.Collections;
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
/// An update's arguments live from pre_save until post_save, across the write. Kept small (the previous values as one
/// array indexed through this shape, the update fields as a set shared by every update of the same properties), a
/// SaveChanges of many rows keeps little alive for the garbage collector to move while the rows are written.
/// </remarks>
internal sealed class SaveShape
{
    private const string AnnotationName = "BlogShop:Signals:SaveShape";

    /// <summary>Field sets are shared by their bit mask, so only for types of up to 64 properties.</summary>
    private const int MaxMaskedProperties = 64;

    /// <summary>Different update-field sets kept per type; past this, further sets are built per update.</summary>
    private const int MaxSharedFieldSets = 256;

    private readonly IProperty[] _properties;
    private readonly bool[] _isKey;
    private readonly IProperty[] _keys;
    private readonly string[] _keyNames;
    private readonly ConcurrentDictionary<ulong, IReadOnlySet<string>> _fieldSets = new();

    private SaveShape(IEntityType entityType)
    {
        _properties = [.. entityType.GetProperties()];
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

    /// <summary>
    /// Reads an update: the original value of every property into <paramref name="previous"/> (one slot per property,
    /// in <see cref="Names"/> order) and the modified properties as the result. <paramref name="everyValueModified"/>
    /// is true when every property besides the key is marked modified (the entity was attached with <c>Update()</c>,
    /// so EF knows no stored values).
    /// </summary>
    public IReadOnlySet<string> ReadUpdate(EntityEntry entry, object?[] previous, out bool everyValueModified)
    {
        var mask = 0UL;
        HashSet<string>? wide = null;
        var every = HasValues;
        for (var i = 0; i < _properties.Length; i++)
        {
            var property = entry.Property(_properties[i]);
            previous[i] = property.OriginalValue;
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

    /// <summary>Overwrites <paramref name="previous"/> with the values the database holds.</summary>
    public void ReadStored(PropertyValues stored, object?[] previous)
    {
        for (var i = 0; i < _properties.Length; i++)
        {
            previous[i] = stored[_properties[i]];
        }
    }

    /// <summary>Sets the original values <see cref="ReadUpdate"/> read (a rollback after EF accepted the changes).</summary>
    public void RestoreOriginals(EntityEntry entry, object?[] previous)
    {
        for (var i = 0; i < _properties.Length; i++)
        {
            entry.Property(_properties[i]).OriginalValue = previous[i];
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

/// <summary>The values an update's row held before it, by property name (<see cref="SaveArgs.Previous"/>).</summary>
internal sealed class PreviousValues(SaveShape shape, object?[] values) : IReadOnlyDictionary<string, object?>
{
    private bool _fromDatabase;

    /// <summary>
    /// The change tracker's original values (in <see cref="SaveShape"/> order), or null once they were replaced by
    /// the stored row (an entity attached with <c>Update()</c>): what the own transaction's snapshot can reuse.
    /// </summary>
    public object?[]? TrackerOriginals => _fromDatabase ? null : values;

    public int Count => values.Length;

    /// <summary>Replaces the values with the row the database holds.</summary>
    public void ReplaceWithStored(PropertyValues stored)
    {
        shape.ReadStored(stored, values);
        _fromDatabase = true;
    }

    public IEnumerable<string> Keys => shape.Names;

    public IEnumerable<object?> Values => values;

    public object? this[string key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"'{key}' is not a property of {shape.TypeName}.");

    public bool ContainsKey(string key) => shape.Index.ContainsKey(key);

    public bool TryGetValue(string key, out object? value)
    {
        if (shape.Index.TryGetValue(key, out var i))
        {
            value = values[i];
            return true;
        }

        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < values.Length; i++)
        {
            yield return KeyValuePair.Create(shape.Names[i], values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
