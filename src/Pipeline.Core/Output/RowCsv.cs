using System.Globalization;
using System.Text;
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
    private const int FlushAtChars = 1 << 15;

    /// <summary>UTF-8 without a byte order mark, as the API sends it.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static async Task WriteAsync<TRow>(RowSchema<TRow> schema, IAsyncEnumerable<TRow> rows, Stream output, CancellationToken cancellationToken)
    {
        await using var text = new StreamWriter(output, Utf8, 1 << 16, leaveOpen: true);
        await WriteAsync(schema, rows, text, cancellationToken);
    }

    /// <summary>
    /// Sep writes each row into a buffer, which is copied to <paramref name="output"/> with
    /// asynchronous writes only (an HTTP response refuses synchronous ones).
    /// </summary>
    public static async Task WriteAsync<TRow>(RowSchema<TRow> schema, IAsyncEnumerable<TRow> rows, TextWriter output, CancellationToken cancellationToken)
    {
        using var buffer = new StringWriter(CultureInfo.InvariantCulture);
        var text = buffer.GetStringBuilder();
        using (var writer = Sep.New(',').Writer(o => o with { Escape = true }).To(buffer, leaveOpen: true))
        {
            writer.Header.Add(schema.Names);
            writer.Header.Write();
            EndLine(text);
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                await using (var line = writer.NewRow(cancellationToken))
                {
                    foreach (var column in schema.Columns)
                    {
                        line[column.Name].Set(Cell(column, row));
                    }
                }
                EndLine(text);
                if (text.Length >= FlushAtChars)
                {
                    await output.WriteAsync(text, cancellationToken);
                    text.Clear();
                }
            }
        }
        await output.WriteAsync(text, cancellationToken);
        await output.FlushAsync(cancellationToken);
    }

    /// <summary>A cell's text before quoting: text neutralised against formula injection, anything else as <see cref="CellText.Shown"/>.</summary>
    public static string Cell<TRow>(Column<TRow> column, TRow row)
    {
        var shown = CellText.Shown(column.Type, column.Get(row));
        return column.Type is CellType.Text or CellType.TextList ? SpreadsheetSafe.Text(shown) : shown;
    }

    /// <summary>Sep ends a row with LF; RFC 4180 wants CRLF. Only the row's own end changes, never a line break inside a quoted cell.</summary>
    private static void EndLine(StringBuilder text)
    {
        if (text.Length > 0 && text[^1] == '\n')
        {
            text.Insert(text.Length - 1, '\r');
        }
    }
}
