using Parquet;
using Parquet.Schema;

namespace Pipeline.Core.Indicators;

/// <summary>
/// The columns an aggregation asked for, of one Parquet row group, as arrays with one element a
/// row: what the indicators fold over instead of an object per row.
/// </summary>
public sealed class ColumnBatch
{
    private readonly Dictionary<string, Array> _columns;

    private ColumnBatch(int rowCount, Dictionary<string, Array> columns)
    {
        RowCount = rowCount;
        _columns = columns;
    }

    public int RowCount { get; }

    /// <summary>A text column as codes; a null cell is a value of its own (null).</summary>
    public TextCodes Text(string name) => Column(name) switch
    {
        ReadOnlyMemory<char>?[] nullable => TextCodes.Of(nullable),
        ReadOnlyMemory<char>[] values => TextCodes.Of(Array.ConvertAll(values, value => (ReadOnlyMemory<char>?)value)),
        var other => throw WrongType(name, typeof(string), other),
    };

    /// <summary>A numeric or boolean column whose cells the record type never leaves empty (a null cell reads as the default).</summary>
    public T[] Values<T>(string name) where T : struct => Column(name) switch
    {
        T[] values => values,
        T?[] nullable => Array.ConvertAll(nullable, value => value.GetValueOrDefault()),
        var other => throw WrongType(name, typeof(T), other),
    };

    /// <summary>A numeric or boolean column that may have empty cells.</summary>
    public T?[] OptionalValues<T>(string name) where T : struct => Column(name) switch
    {
        T?[] nullable => nullable,
        T[] values => Array.ConvertAll(values, value => (T?)value),
        var other => throw WrongType(name, typeof(T), other),
    };

    /// <summary>A DATE column (read as midnight of each day) as dates; a null cell reads as the default.</summary>
    public DateOnly[] Dates(string name) => Array.ConvertAll(Values<DateTime>(name), DateOnly.FromDateTime);

    /// <summary>Reads the named columns of one row group; a column missing from the file is an error.</summary>
    public static async Task<ColumnBatch> ReadAsync(ParquetReader file, int rowGroup, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        using var group = file.OpenRowGroupReader(rowGroup);
        var rows = checked((int)group.RowCount);
        var columns = new Dictionary<string, Array>(names.Count, StringComparer.Ordinal);
        foreach (var name in names)
        {
            var field = file.Schema.DataFields.FirstOrDefault(f => f.Name == name)
                ?? throw new InvalidDataException($"The curated file has no column '{name}'.");
            columns[name] = await ReadColumnAsync(group, field, rows, cancellationToken);
        }
        return new ColumnBatch(rows, columns);
    }

    private static async Task<Array> ReadColumnAsync(ParquetRowGroupReader group, DataField field, int rows, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        return type == typeof(ReadOnlyMemory<char>) ? await ReadValuesAsync<ReadOnlyMemory<char>>(group, field, rows, cancellationToken)
            : type == typeof(double) ? await ReadValuesAsync<double>(group, field, rows, cancellationToken)
            : type == typeof(int) ? await ReadValuesAsync<int>(group, field, rows, cancellationToken)
            : type == typeof(bool) ? await ReadValuesAsync<bool>(group, field, rows, cancellationToken)
            : type == typeof(DateTime) ? await ReadValuesAsync<DateTime>(group, field, rows, cancellationToken)
            : throw new NotSupportedException($"Column '{field.Name}' is {type.Name}; the indicators read text, double, int, bool and date columns.");
    }

    private static async Task<Array> ReadValuesAsync<T>(ParquetRowGroupReader group, DataField field, int rows, CancellationToken cancellationToken)
        where T : struct
    {
        if (field.IsNullable)
        {
            var nullable = new T?[rows];
            await group.ReadAsync(field, nullable.AsMemory(), null, cancellationToken);
            return nullable;
        }
        var values = new T[rows];
        await group.ReadAsync(field, values.AsMemory(), null, cancellationToken);
        return values;
    }

    private Array Column(string name) => _columns.TryGetValue(name, out var column)
        ? column
        : throw new ArgumentException($"Column '{name}' was not asked for.", nameof(name));

    private static InvalidDataException WrongType(string name, Type wanted, Array column) =>
        new($"Column '{name}' holds {column.GetType().GetElementType()?.Name}, not {wanted.Name}.");
}

/// <summary>
/// A text column as small integer codes, one a row, and the distinct values they stand for, so a
/// loop over rows groups by an array index instead of hashing a string per row, and no string is
/// made per row.
/// </summary>
public sealed class TextCodes
{
    private TextCodes(int[] codes, List<string?> values)
    {
        Codes = codes;
        Values = values;
    }

    public int[] Codes { get; }

    /// <summary>The distinct values, in order of first appearance.</summary>
    public IReadOnlyList<string?> Values { get; }

    /// <summary>The value of a row.</summary>
    public string? this[int row] => Values[Codes[row]];

    public static TextCodes Of(ReadOnlyMemory<char>?[] column)
    {
        var codes = new int[column.Length];
        var values = new List<string?>();
        var known = new Dictionary<string, int>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        var nullCode = -1;
        for (var row = 0; row < column.Length; row++)
        {
            int code;
            if (column[row] is not { } text)
            {
                if (nullCode < 0)
                {
                    nullCode = values.Count;
                    values.Add(null);
                }
                code = nullCode;
            }
            else if (!known.TryGetValue(text.Span, out code))
            {
                code = values.Count;
                var value = text.ToString();
                known.Dictionary[value] = code;
                values.Add(value);
            }
            codes[row] = code;
        }
        return new TextCodes(codes, values);
    }
}
