using nietras.SeparatedValues;

namespace Pipeline.Core.Output;

/// <summary>
/// Writes rows as CSV (RFC 4180: comma, CRLF, quoted when needed; invariant culture) through
/// Sep's writer, one column per schema column. Text cells a spreadsheet would run as a formula
/// are neutralised (<see cref="SpreadsheetSafe"/>); numbers, booleans and instants are written
/// by the pipeline from values, so they never are: a net flow of -3 stays the number -3.
/// </summary>
public static class RowCsv
{
    /// <summary>UTF-8 without a byte order mark, as the API sends it.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static async Task WriteAsync<TRow>(RowSchema<TRow> schema, IAsyncEnumerable<TRow> rows, Stream output, CancellationToken cancellationToken)
    {
        await using var text = new StreamWriter(output, Utf8, 1 << 16, leaveOpen: true);
        await WriteAsync(schema, rows, text, cancellationToken);
    }

    /// <summary>Rows are buffered by <see cref="RowCsvWriter{TRow}"/> and copied to <paramref name="output"/> with asynchronous writes only (an HTTP response refuses synchronous ones).</summary>
    public static async Task WriteAsync<TRow>(RowSchema<TRow> schema, IAsyncEnumerable<TRow> rows, TextWriter output, CancellationToken cancellationToken)
    {
        using var writer = new RowCsvWriter<TRow>(schema);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            writer.Add(row);
            if (writer.ShouldFlush)
            {
                await writer.FlushToAsync(output, cancellationToken);
            }
        }
        await writer.FlushToAsync(output, cancellationToken);
        await output.FlushAsync(cancellationToken);
    }

    /// <summary>A cell's text before quoting: text neutralised against formula injection, anything else as <see cref="CellText.Shown"/>.</summary>
    public static string Cell<TRow>(Column<TRow> column, TRow row)
    {
        var shown = CellText.Shown(column.Type, column.Get(row));
        return column.Type is CellType.Text or CellType.TextList ? SpreadsheetSafe.Text(shown) : shown;
    }
}

/// <summary>
/// One CSV being written row by row: Sep writes the header and each row into a buffer, which
/// the caller moves to its output when <see cref="ShouldFlush"/> says so, with or without async.
/// </summary>
public sealed class RowCsvWriter<TRow> : IDisposable
{
    private const int FlushAtChars = 1 << 15;

    private readonly RowSchema<TRow> _schema;
    private readonly StringWriter _buffer = new(System.Globalization.CultureInfo.InvariantCulture);
    private readonly SepWriter _writer;

    public RowCsvWriter(RowSchema<TRow> schema)
    {
        _schema = schema;
        _writer = Sep.New(',').Writer(o => o with { Escape = true }).To(_buffer, leaveOpen: true);
        _writer.Header.Add(schema.Names);
        _writer.Header.Write();
        EndLine();
    }

    public bool ShouldFlush => Text.Length >= FlushAtChars;

    private StringBuilder Text => _buffer.GetStringBuilder();

    public void Add(TRow row)
    {
        using (var line = _writer.NewRow())
        {
            foreach (var column in _schema.Columns)
            {
                line[column.Name].Set(RowCsv.Cell(column, row));
            }
        }
        EndLine();
    }

    public async Task FlushToAsync(TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteAsync(Text, cancellationToken);
        Text.Clear();
    }

    public void FlushTo(TextWriter output)
    {
        output.Write(Text);
        Text.Clear();
    }

    public void Dispose()
    {
        _writer.Dispose();
        _buffer.Dispose();
    }

    /// <summary>Sep ends a row with LF; RFC 4180 wants CRLF. Only the row's own end changes, never a line break inside a quoted cell.</summary>
    private void EndLine()
    {
        if (Text.Length > 0 && Text[^1] == '\n')
        {
            Text.Insert(Text.Length - 1, '\r');
        }
    }
}
