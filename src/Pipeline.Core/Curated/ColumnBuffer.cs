using System.Runtime.InteropServices;
using Parquet;
using Parquet.Schema;

namespace Pipeline.Core.Curated;

/// <summary>
/// The values of one Parquet column for a batch of rows, in a growable array: written to a row
/// group as one column, or one row at a time to a raw binary spill and read back from it.
/// </summary>
public abstract class ColumnBuffer(DataField field)
{
    public DataField Field { get; } = field;

    public int Count { get; protected set; }

    public abstract Task WriteAsync(ParquetRowGroupWriter group, CancellationToken cancellationToken);

    public abstract void WriteRow(BinaryWriter spill, int row);

    public abstract void ReadRow(BinaryReader spill);

    public void Clear() => Count = 0;

    protected static void Grow<T>(ref T[] values, int count)
    {
        if (count == values.Length)
        {
            Array.Resize(ref values, Math.Max(16, values.Length * 2));
        }
    }
}

/// <summary>A required column of a fixed-size value type (numbers, dates, timestamps).</summary>
public sealed class ValueColumn<T>(DataField field) : ColumnBuffer(field) where T : unmanaged
{
    private T[] _values = [];

    public void Add(T value)
    {
        Grow(ref _values, Count);
        _values[Count++] = value;
    }

    public T this[int row] => _values[row];

    public override Task WriteAsync(ParquetRowGroupWriter group, CancellationToken cancellationToken) =>
        group.WriteAsync<T>(Field, _values.AsMemory(0, Count), cancellationToken: cancellationToken);

    public override void WriteRow(BinaryWriter spill, int row) =>
        spill.Write(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in _values[row])));

    public override void ReadRow(BinaryReader spill)
    {
        var value = default(T);
        spill.BaseStream.ReadExactly(MemoryMarshal.AsBytes(new Span<T>(ref value)));
        Add(value);
    }
}

/// <summary>An optional column of a fixed-size value type.</summary>
public sealed class OptionalValueColumn<T>(DataField field) : ColumnBuffer(field) where T : unmanaged
{
    private T?[] _values = [];

    public void Add(T? value)
    {
        Grow(ref _values, Count);
        _values[Count++] = value;
    }

    public T? this[int row] => _values[row];

    public override Task WriteAsync(ParquetRowGroupWriter group, CancellationToken cancellationToken) =>
        group.WriteAsync<T>(Field, _values.AsMemory(0, Count), cancellationToken: cancellationToken);

    public override void WriteRow(BinaryWriter spill, int row)
    {
        var value = _values[row];
        spill.Write(value.HasValue);
        if (value is { } present)
        {
            spill.Write(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in present)));
        }
    }

    public override void ReadRow(BinaryReader spill)
    {
        if (!spill.ReadBoolean())
        {
            Add(null);
            return;
        }
        var value = default(T);
        spill.BaseStream.ReadExactly(MemoryMarshal.AsBytes(new Span<T>(ref value)));
        Add(value);
    }
}

/// <summary>A text column; a spilled value is length-prefixed UTF-8.</summary>
public sealed class TextColumn(DataField field) : ColumnBuffer(field)
{
    private string?[] _values = [];

    public void Add(string? value)
    {
        Grow(ref _values, Count);
        _values[Count++] = value;
    }

    public string? this[int row] => _values[row];

    public override Task WriteAsync(ParquetRowGroupWriter group, CancellationToken cancellationToken) =>
        group.WriteAsync(Field, new ArraySegment<string>(_values!, 0, Count));

    public override void WriteRow(BinaryWriter spill, int row)
    {
        var value = _values[row];
        spill.Write(value is not null);
        if (value is not null)
        {
            spill.Write(value);
        }
    }

    public override void ReadRow(BinaryReader spill) => Add(spill.ReadBoolean() ? spill.ReadString() : null);
}
