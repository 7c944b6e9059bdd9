using System.Runtime.InteropServices;
using Parquet;
using Parquet.Schema;

namespace Pipeline.Core.Curated;

/// <summary>
/// The values of one Parquet column for a batch of rows, in a growable array: written to a row
/// group as one column, or one row at a time to a raw binary spill and read back from it, or
/// copied a row at a time into another batch of the same column.
/// </summary>
public abstract class ColumnBuffer(DataField field)
{
    public DataField Field { get; } = field;

    public int Count { get; protected set; }

    public abstract Task WriteAsync(ParquetRowGroupWriter group, CancellationToken cancellationToken);

    public abstract void WriteRow(BinaryWriter spill, int row, SpillTexts texts);

    public abstract void ReadRow(BinaryReader spill, SpillTexts texts);

    /// <summary>Adds row <paramref name="row"/> of <paramref name="source"/>, a buffer of the same column.</summary>
    public abstract void AddRowOf(ColumnBuffer source, int row);

    public void Clear()
    {
        Count = 0;
        OnClear();
    }

    protected virtual void OnClear()
    {
    }

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

    public override Task WriteAsync(ParquetRowGroupWriter group, CancellationToken cancellationToken) =>
        group.WriteAsync<T>(Field, _values.AsMemory(0, Count), cancellationToken: cancellationToken);

    public override void WriteRow(BinaryWriter spill, int row, SpillTexts texts) =>
        spill.Write(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in _values[row])));

    public override void ReadRow(BinaryReader spill, SpillTexts texts)
    {
        var value = default(T);
        spill.BaseStream.ReadExactly(MemoryMarshal.AsBytes(new Span<T>(ref value)));
        Add(value);
    }

    public override void AddRowOf(ColumnBuffer source, int row) => Add(((ValueColumn<T>)source)._values[row]);
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

    public override Task WriteAsync(ParquetRowGroupWriter group, CancellationToken cancellationToken) =>
        group.WriteAsync<T>(Field, _values.AsMemory(0, Count), cancellationToken: cancellationToken);

    public override void WriteRow(BinaryWriter spill, int row, SpillTexts texts)
    {
        var value = _values[row];
        spill.Write(value.HasValue);
        if (value is { } present)
        {
            spill.Write(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in present)));
        }
    }

    public override void ReadRow(BinaryReader spill, SpillTexts texts)
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

    public override void AddRowOf(ColumnBuffer source, int row) => Add(((OptionalValueColumn<T>)source)._values[row]);
}

/// <summary>
/// A text column. Texts copied from cells live in one character buffer of the batch, so a
/// batch's texts cost no string each; texts already strings (codes, the upload's hash) are kept as they are.
/// </summary>
public sealed class TextColumn(DataField field) : ColumnBuffer(field)
{
    private ReadOnlyMemory<char>?[] _values = [];
    private char[] _characters = new char[1 << 12];
    private int _charactersUsed;

    public void Add(string? value) => AddValue(value?.AsMemory());

    /// <summary>Adds a copy of the text, or null when it is empty.</summary>
    public void AddCopy(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            AddValue(null);
            return;
        }
        var copy = Reserve(text.Length);
        text.CopyTo(copy.Span);
        AddValue(copy);
    }

    public override Task WriteAsync(ParquetRowGroupWriter group, CancellationToken cancellationToken) =>
        group.WriteAsync<ReadOnlyMemory<char>>(Field, _values.AsMemory(0, Count), cancellationToken: cancellationToken);

    public override void WriteRow(BinaryWriter spill, int row, SpillTexts texts) => texts.Write(spill, _values[row]);

    public override void ReadRow(BinaryReader spill, SpillTexts texts)
    {
        if (texts.TryRead(spill, out var value, out var length))
        {
            AddValue(value);
            return;
        }
        var text = Reserve(length);
        spill.BaseStream.ReadExactly(MemoryMarshal.AsBytes(text.Span));
        AddValue(text);
    }

    /// <summary>A text held in a string (a code, the upload's hash) is shared; one in the source's buffer is copied.</summary>
    public override void AddRowOf(ColumnBuffer source, int row)
    {
        var value = ((TextColumn)source)._values[row];
        if (value is { IsEmpty: false } text && !MemoryMarshal.TryGetString(text, out _, out _, out _))
        {
            AddCopy(text.Span);
            return;
        }
        AddValue(value);
    }

    protected override void OnClear() => _charactersUsed = 0;

    private void AddValue(ReadOnlyMemory<char>? value)
    {
        Grow(ref _values, Count);
        _values[Count++] = value;
    }

    /// <summary>Room for a text; a full buffer is replaced, not resized, so the texts already added keep theirs.</summary>
    private Memory<char> Reserve(int length)
    {
        if (_charactersUsed + length > _characters.Length)
        {
            _characters = new char[Math.Max(_characters.Length * 2, length)];
            _charactersUsed = 0;
        }
        var memory = _characters.AsMemory(_charactersUsed, length);
        _charactersUsed += length;
        return memory;
    }
}
