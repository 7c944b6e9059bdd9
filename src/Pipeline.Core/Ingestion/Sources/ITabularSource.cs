namespace Pipeline.Core.Ingestion.Sources;

/// <summary>
/// An upload read as a table of text cells, one row at a time, whatever its format.
/// Rows are numbered as the partner sees them (the header is row 1); blank rows are skipped
/// but still counted, so the numbers match the partner's spreadsheet.
/// </summary>
public interface ITabularSource : IDisposable
{
    /// <summary>The worksheet read, for XLSX; null for other formats.</summary>
    string? Sheet { get; }

    IReadOnlyList<string> Header { get; }

    /// <summary>The data rows after the header. Cells beyond the header's width are dropped; missing ones are empty.</summary>
    IEnumerable<SourceRow> ReadRows(CancellationToken cancellationToken);

    /// <summary>
    /// The same rows as <see cref="ReadRows"/>, in batches; the batch is reused, so it is valid
    /// until the next one is asked for. Sources that can read cells as spans do so.
    /// </summary>
    IEnumerable<CellBatch> ReadBatches(CancellationToken cancellationToken) => CellBatch.FromRows(Header.Count, ReadRows(cancellationToken));
}

public readonly record struct SourceRow(int Number, string[] Cells);

/// <summary>The file could not be read as a table at all: the one issue that says why.</summary>
public sealed class UnreadableUploadException(string rule, string message, string? fix = null) : Exception(message)
{
    public string Rule { get; } = rule;
    public string? Fix { get; } = fix;
}
