namespace Pipeline.Core.Output;

/// <summary>What a column holds; the type alone decides how every output writes it (see <see cref="CellText"/>).</summary>
public enum CellType
{
    Text,

    /// <summary>A double, possibly null.</summary>
    Number,

    WholeNumber,
    Boolean,

    /// <summary>A point in time (<see cref="DateTime"/> or <see cref="DateTimeOffset"/>), always written in UTC.</summary>
    Instant,

    /// <summary>A list of short texts (periods, say).</summary>
    TextList,
}

/// <summary>One column of an output row: its name in every output, its type and how to read it from a row.</summary>
public sealed record Column<TRow>(string Name, CellType Type, Func<TRow, object?> Get);

/// <summary>
/// An output row described once: the columns, in order, that the table store, CSV, JSON,
/// XLSX and the runner's table all write. Adding a column here adds it everywhere.
/// </summary>
public sealed class RowSchema<TRow>
{
    private readonly Dictionary<string, Column<TRow>> _byName;

    /// <param name="columns">The columns in order, made with the builder: <c>c => [c.Text("name", row => row.Name), ...]</c>.</param>
    public RowSchema(Func<ColumnBuilder<TRow>, IReadOnlyList<Column<TRow>>> columns)
        : this(columns(new ColumnBuilder<TRow>()))
    {
    }

    private RowSchema(IReadOnlyList<Column<TRow>> columns)
    {
        Columns = columns;
        _byName = Columns.ToDictionary(column => column.Name, StringComparer.Ordinal);
    }

    /// <summary>This schema's columns followed by <paramref name="more"/>: an output that tells more than the stored row.</summary>
    public RowSchema<TRow> With(Func<ColumnBuilder<TRow>, IReadOnlyList<Column<TRow>>> more) =>
        new([.. Columns, .. more(new ColumnBuilder<TRow>())]);

    public IReadOnlyList<Column<TRow>> Columns { get; }

    public IReadOnlyList<string> Names => Columns.Select(column => column.Name).ToList();

    /// <summary>The table store's cells of a row: every column, in the round-trip form <see cref="CellText.Stored"/>.</summary>
    public Dictionary<string, string?> ToStored(TRow row) =>
        Columns.ToDictionary(column => column.Name, column => CellText.Stored(column.Type, column.Get(row)), StringComparer.Ordinal);

    /// <summary>Typed access to a stored row's cells, each parsed as its column's type.</summary>
    public StoredCells<TRow> Read(TableRow row) => new(this, row);

    internal Column<TRow> Column(string name, CellType type) =>
        _byName.TryGetValue(name, out var column) && column.Type == type
            ? column
            : throw new ArgumentException($"The schema has no {type} column '{name}'.", nameof(name));
}

/// <summary>Makes a schema's columns, one method per <see cref="CellType"/>.</summary>
public sealed class ColumnBuilder<TRow>
{
    public Column<TRow> Text(string name, Func<TRow, string?> get) => new(name, CellType.Text, get);

    public Column<TRow> Number(string name, Func<TRow, double?> get) => new(name, CellType.Number, row => get(row));

    public Column<TRow> WholeNumber(string name, Func<TRow, int> get) => new(name, CellType.WholeNumber, row => get(row));

    public Column<TRow> Boolean(string name, Func<TRow, bool> get) => new(name, CellType.Boolean, row => get(row));

    public Column<TRow> Instant(string name, Func<TRow, DateTimeOffset> get) => new(name, CellType.Instant, row => get(row));

    /// <summary>An instant held as a <see cref="DateTime"/>: an unspecified kind is taken as UTC.</summary>
    public Column<TRow> Instant(string name, Func<TRow, DateTime> get) => new(name, CellType.Instant, row => get(row));

    /// <summary>An instant that may be absent (null is stored as no value).</summary>
    public Column<TRow> OptionalInstant(string name, Func<TRow, DateTimeOffset?> get) => new(name, CellType.Instant, row => get(row));

    public Column<TRow> TextList(string name, Func<TRow, IReadOnlyList<string>> get) => new(name, CellType.TextList, get);
}

/// <summary>A stored row read back through its schema: a name that is not a column of that type throws.</summary>
public readonly struct StoredCells<TRow>(RowSchema<TRow> schema, TableRow row)
{
    public string Text(string name) => Cell(name, CellType.Text) ?? "";

    public string? OptionalText(string name) => Cell(name, CellType.Text);

    public double? Number(string name) =>
        Cell(name, CellType.Number) is { Length: > 0 } text ? double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) : null;

    /// <summary>0 when the cell is missing (rows written before the column existed).</summary>
    public int WholeNumber(string name) =>
        Cell(name, CellType.WholeNumber) is { Length: > 0 } text ? int.Parse(text, CultureInfo.InvariantCulture) : 0;

    public bool Boolean(string name) => Cell(name, CellType.Boolean) == "true";

    public DateTimeOffset Instant(string name) =>
        DateTimeOffset.Parse(Cell(name, CellType.Instant) ?? "", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>Null when the cell is missing or empty (rows written before the column existed).</summary>
    public DateTimeOffset? OptionalInstant(string name) =>
        Cell(name, CellType.Instant) is { Length: > 0 } text
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : null;

    public IReadOnlyList<string> TextList(string name) =>
        Cell(name, CellType.TextList) is { Length: > 0 } text ? text.Split(CellText.ListSeparator) : [];

    private string? Cell(string name, CellType type) => row[schema.Column(name, type).Name];
}
