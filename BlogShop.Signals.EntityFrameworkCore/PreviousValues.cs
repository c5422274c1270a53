using System.Collections;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace BlogShop.Signals.EntityFrameworkCore;

/// <summary>
/// The previous values of the updates of one entity type in one SaveChanges, a row per update and a typed column per
/// property (in <see cref="SaveShape"/> order). A value type is stored unboxed, and no object per row is made, so ten
/// thousand updates keep a few arrays alive across the write, not tens of thousands of small objects.
/// </summary>
internal sealed class PreviousRows(SaveShape shape, int capacity)
{
    private readonly PreviousColumn[] _columns = shape.NewColumns(Math.Max(capacity, 1));
    private int _capacity = Math.Max(capacity, 1);
    private int _count;
    private HashSet<int>? _fromDatabase;

    public SaveShape Shape { get; } = shape;

    /// <summary>Adds an empty row and returns its index.</summary>
    public int Add()
    {
        if (_count == _capacity)
        {
            _capacity *= 2;
            foreach (var column in _columns)
            {
                column.Grow(_capacity);
            }
        }

        return _count++;
    }

    public object? Get(int row, int column) => _columns[column].Get(row);

    public void Set(int row, int column, object? value) => _columns[column].Set(row, value);

    /// <summary>Replaces the row with the values the database holds (an entity attached with <c>Update()</c>).</summary>
    public void ReplaceWithStored(int row, PropertyValues stored)
    {
        Shape.ReadStored(stored, this, row);
        (_fromDatabase ??= []).Add(row);
    }

    /// <summary>
    /// True while the row holds the change tracker's original values, false once they were replaced by the stored
    /// row: whether the own transaction's snapshot can reuse it.
    /// </summary>
    public bool HoldsTrackerOriginals(int row) => _fromDatabase?.Contains(row) != true;
}

/// <summary>One property's values in <see cref="PreviousRows"/>.</summary>
internal abstract class PreviousColumn
{
    /// <summary>The empty column for a property of <paramref name="clrType"/>, to copy with <see cref="New"/>.</summary>
    public static PreviousColumn For(Type clrType) =>
        (PreviousColumn)Activator.CreateInstance(typeof(PreviousColumn<>).MakeGenericType(clrType), 0)!;

    public abstract PreviousColumn New(int capacity);

    public abstract void Grow(int capacity);

    public abstract object? Get(int row);

    public abstract void Set(int row, object? value);
}

internal sealed class PreviousColumn<T>(int capacity) : PreviousColumn
{
    private T[] _values = capacity == 0 ? [] : new T[capacity];

    public override PreviousColumn New(int capacity) => new PreviousColumn<T>(capacity);

    public override void Grow(int capacity) => Array.Resize(ref _values, capacity);

    public override object? Get(int row) => _values[row];

    public override void Set(int row, object? value) => _values[row] = value is null ? default! : (T)value;
}

/// <summary>The values an update's row held before it, by property name (<see cref="SaveArgs.Previous"/>): a view of one row.</summary>
internal sealed class PreviousValues(PreviousRows rows, int row) : IReadOnlyDictionary<string, object?>
{
    public PreviousRows Rows => rows;

    public int Row => row;

    public int Count => rows.Shape.Names.Length;

    public IEnumerable<string> Keys => rows.Shape.Names;

    public IEnumerable<object?> Values => this.Select(pair => pair.Value);

    public object? this[string key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"'{key}' is not a property of {rows.Shape.TypeName}.");

    public bool ContainsKey(string key) => rows.Shape.Index.ContainsKey(key);

    public bool TryGetValue(string key, out object? value)
    {
        if (rows.Shape.Index.TryGetValue(key, out var i))
        {
            value = rows.Get(row, i);
            return true;
        }

        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        var names = rows.Shape.Names;
        for (var i = 0; i < names.Length; i++)
        {
            yield return KeyValuePair.Create(names[i], rows.Get(row, i));
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>The <see cref="PreviousRows"/> of one SaveChanges, one table per entity type.</summary>
internal sealed class PreviousTables
{
    private readonly Dictionary<IEntityType, PreviousRows> _tables = [];
    private IEntityType? _lastType;
    private PreviousRows? _last;

    /// <summary>The table of <paramref name="type"/>; a new one is sized for <paramref name="expected"/> rows.</summary>
    public PreviousRows For(IEntityType type, int expected)
    {
        if (ReferenceEquals(type, _lastType))
        {
            return _last!;
        }

        if (!_tables.TryGetValue(type, out var rows))
        {
            rows = new PreviousRows(SaveShape.Of(type), expected);
            _tables[type] = rows;
        }

        _lastType = type;
        _last = rows;
        return rows;
    }
}
