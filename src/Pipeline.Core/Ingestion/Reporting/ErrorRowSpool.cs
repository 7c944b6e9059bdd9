using nietras.SeparatedValues;

namespace Pipeline.Core.Ingestion.Reporting;

/// <summary>
/// The rows of a refused file that had errors, for the partner to correct, written to a local
/// CSV as validation meets them, in the order the report names them. Quarantine is outside the
/// raw zone, so a leaver id is replaced by its pseudonym (or removed when there is no key) and
/// comments are left out.
/// </summary>
/// <remarks>
/// Duplicates are found only once every row has been read, when the batches' cells are gone
/// (keeping every row in case would cost a copy of every upload). So their rows are noted
/// (<see cref="AddLater"/>) and their cells are added by one more read of the upload that writes
/// only those rows (<see cref="AddLateRows"/>).
/// </remarks>
public sealed class ErrorRowSpool(string path, string partner, Pseudonymiser? pseudonymiser) : IDisposable
{
    private const string Removed = "(removed)";

    private readonly List<int> _lateRows = [];
    private int[] _kept = [];
    private int? _leaverIdColumn;
    private IReadOnlyList<string> _header = [];
    private StreamWriter? _text;
    private SepWriter? _writer;

    /// <summary>The local CSV; it exists once a row has been added.</summary>
    public string Path { get; } = path;

    public int Count { get; private set; }

    /// <summary>Rows noted by <see cref="AddLater"/> that <see cref="AddLateRows"/> has yet to write.</summary>
    public bool HasLateRows => _lateRows.Count > 0;

    /// <summary>Takes the file's header and where its leaver id and comments are, before any row.</summary>
    public void Begin(IReadOnlyList<string> header, ColumnMap columns)
    {
        _header = header;
        _leaverIdColumn = columns.IndexOf("leaver_id");
        var commentsColumn = columns.IndexOf("comments");
        _kept = Enumerable.Range(0, header.Count).Where(i => i != commentsColumn).ToArray();
    }

    /// <summary>Writes row <paramref name="index"/> of the batch.</summary>
    public void Add(CellBatch batch, int index)
    {
        using var line = NewRow(batch.Number(index));
        for (var i = 0; i < _kept.Length; i++)
        {
            line[i + 1].Set(SafeCell(_kept[i], batch.Cell(index, _kept[i])));
        }
    }

    /// <summary>Notes a row of an earlier batch whose cells are no longer held; each row once.</summary>
    public void AddLater(int row) => _lateRows.Add(row);

    /// <summary>Reads the upload again, from the start, for the rows noted by <see cref="AddLater"/> only, in row order.</summary>
    public void AddLateRows(ITabularSource source, CancellationToken cancellationToken)
    {
        _lateRows.Sort();
        var next = 0;
        foreach (var row in source.ReadRows(cancellationToken))
        {
            if (next == _lateRows.Count)
            {
                break;
            }
            if (row.Number != _lateRows[next])
            {
                continue;
            }
            next++;
            using var line = NewRow(row.Number);
            for (var i = 0; i < _kept.Length; i++)
            {
                line[i + 1].Set(SafeCell(_kept[i], row.Cells[_kept[i]]));
            }
        }
        _lateRows.Clear();
    }

    /// <summary>Finishes the file; no row can be added after.</summary>
    public void Close()
    {
        _writer?.Dispose();
        _text?.Dispose();
        _writer = null;
        _text = null;
    }

    public void Dispose() => Close();

    private SepWriter.Row NewRow(int number)
    {
        if (_writer is null)
        {
            // A byte order mark, so Excel reads the CSV as UTF-8.
            _text = new StreamWriter(Path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            _writer = Sep.New(',').Writer(o => o with { Escape = true, WriteHeader = false }).To(_text);
            using var header = _writer.NewRow();
            header[0].Set("row");
            for (var i = 0; i < _kept.Length; i++)
            {
                header[i + 1].Set(SpreadsheetSafe.Text(_header[_kept[i]]));
            }
        }
        Count++;
        var line = _writer.NewRow();
        line[0].Set(number.ToString(CultureInfo.InvariantCulture));
        return line;
    }

    private string SafeCell(int column, ReadOnlySpan<char> cell)
    {
        if (column == _leaverIdColumn)
        {
            var id = cell.Trim();
            return pseudonymiser is null || id.IsEmpty ? Removed : pseudonymiser.Pseudonymise(partner, id);
        }
        return SpreadsheetSafe.Text(cell.ToString());
    }
}
