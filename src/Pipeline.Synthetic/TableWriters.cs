namespace Pipeline.Synthetic;

/// <summary>Writes an upload a row at a time, so a file of any size streams to disk.</summary>
internal interface ITableWriter : IDisposable
{
    void WriteHeader(IReadOnlyList<string> headers);

    void WriteRow(ReadOnlySpan<Cell> cells);
}

internal static class TableWriter
{
    static TableWriter() => System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static ITableWriter Create(string path, FileStyle style, string dataset)
    {
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        return style.Format switch
        {
            FileFormat.Xlsx => new XlsxTableWriter(stream, style, dataset),
            FileFormat.Json => new JsonTableWriter(stream, style),
            _ => new CsvTableWriter(stream, style, EncodingOf(style.Encoding)),
        };
    }

    public static Encoding EncodingOf(TextEncoding encoding) => encoding switch
    {
        TextEncoding.Utf8Bom => new UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
        TextEncoding.Utf16LeBom => new UnicodeEncoding(bigEndian: false, byteOrderMark: true),
        TextEncoding.Windows1252 => System.Text.Encoding.GetEncoding(1252, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback),
        _ => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
    };

    /// <summary>A cell as text, the way a CSV or JSON export writes it.</summary>
    public static string? Format(Cell cell, FileStyle style) => cell.Kind switch
    {
        CellKind.Text => cell.Text,
        CellKind.Number => cell.Number.ToString("0.##", CultureInfo.InvariantCulture),
        CellKind.Date => style.Dates == DateFormat.Uk
            ? cell.Date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)
            : cell.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        CellKind.Period => FormatPeriod(cell.Date, style.Period),
        _ => null,
    };

    private static string FormatPeriod(DateOnly month, PeriodFormat format) => month.ToString(format switch
    {
        PeriodFormat.Compact => "yyyyMM",
        PeriodFormat.MonYy => "MMM-yy",
        PeriodFormat.MonYyyy => "MMM yyyy",
        PeriodFormat.MonthYyyy => "MMMM yyyy",
        PeriodFormat.UkDate => "dd/MM/yyyy",
        PeriodFormat.IsoDate => "yyyy-MM-dd",
        // An Excel date cell only exists in XLSX; elsewhere it is written as the plain month.
        _ => "yyyy-MM",
    }, CultureInfo.InvariantCulture);
}

/// <summary>Delimited text: quotes a value holding the delimiter, a quote or a line break, as Excel does.</summary>
internal sealed class CsvTableWriter(Stream stream, FileStyle style, Encoding encoding) : ITableWriter
{
    private readonly StreamWriter _writer = new(stream, encoding, 1 << 16) { NewLine = style.NewLine };

    public void WriteHeader(IReadOnlyList<string> headers)
    {
        for (var i = 0; i < headers.Count; i++)
        {
            WriteValue(i, headers[i]);
        }
        _writer.WriteLine();
    }

    public void WriteRow(ReadOnlySpan<Cell> cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            WriteValue(i, TableWriter.Format(cells[i], style));
        }
        _writer.WriteLine();
    }

    private void WriteValue(int index, string? value)
    {
        if (index > 0)
        {
            _writer.Write(style.Delimiter);
        }
        if (string.IsNullOrEmpty(value))
        {
            return;
        }
        if (value.AsSpan().IndexOfAny([style.Delimiter, '"', '\r', '\n']) < 0)
        {
            _writer.Write(value);
            return;
        }
        _writer.Write('"');
        _writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        _writer.Write('"');
    }

    public void Dispose()
    {
        if (style.TrailingBlankLine)
        {
            _writer.WriteLine();
        }
        _writer.Dispose();
    }
}
