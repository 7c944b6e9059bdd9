namespace Pipeline.Core.Ingestion.Sources;

/// <summary>
/// A batch of an upload's rows as text cells: every cell's text in one shared character
/// buffer, so reading a row costs no object and no string per cell. A row is built cell by
/// cell, then kept (<see cref="EndRow"/>) or dropped (<see cref="DropRow"/>).
/// </summary>
public sealed class CellBatch(int width)
{
    /// <summary>Rows per batch: enough to amortise the per-batch work, small enough to stay in cache-sized buffers.</summary>
    public const int Capacity = 4096;

    private char[] _text = new char[1 << 16];
    private int _textLength;
    private int[] _cells = new int[2 * width * Capacity];  // start and length of each cell
    private readonly int[] _numbers = new int[Capacity];
    private int _rowStart;
    private int _column;
    private bool _blank = true;

    public int Width { get; } = width;

    public int Count { get; private set; }

    public bool IsFull => Count == Capacity;

    /// <summary>The row number as the partner sees it (the header is row 1).</summary>
    public int Number(int row) => _numbers[row];

    public ReadOnlySpan<char> Cell(int row, int column)
    {
        var at = 2 * (row * Width + column);
        return _text.AsSpan(_cells[at], _cells[at + 1]);
    }

    /// <summary>Adds the next cell of the row being built; cells beyond the width are dropped.</summary>
    public void AddCell(ReadOnlySpan<char> text)
    {
        if (_column == Width)
        {
            return;
        }
        if (_textLength + text.Length > _text.Length)
        {
            Array.Resize(ref _text, Math.Max(_text.Length * 2, _textLength + text.Length));
        }
        text.CopyTo(_text.AsSpan(_textLength));
        var at = 2 * (Count * Width + _column);
        _cells[at] = _textLength;
        _cells[at + 1] = text.Length;
        _textLength += text.Length;
        _blank &= text.IsWhiteSpace();
        _column++;
    }

    /// <summary>Whether every cell of the row being built is empty or white space.</summary>
    public bool RowIsBlank => _blank;

    /// <summary>Keeps the row being built; its missing cells are empty.</summary>
    public void EndRow(int number)
    {
        while (_column < Width)
        {
            AddCell([]);
        }
        _numbers[Count++] = number;
        _rowStart = _textLength;
        _column = 0;
        _blank = true;
    }

    /// <summary>Forgets the row being built.</summary>
    public void DropRow()
    {
        _textLength = _rowStart;
        _column = 0;
        _blank = true;
    }

    /// <summary>Makes this batch a copy of <paramref name="other"/>'s rows, for a reader that reuses its batch.</summary>
    public void CopyFrom(CellBatch other)
    {
        if (other.Width != Width)
        {
            throw new ArgumentException($"A batch {other.Width} cells wide cannot be copied into one {Width} wide.", nameof(other));
        }
        Clear();
        // The kept rows' text ends where the row being built (if any) starts.
        if (_text.Length < other._rowStart)
        {
            _text = new char[other._text.Length];
        }
        other._text.AsSpan(0, other._rowStart).CopyTo(_text);
        other._cells.AsSpan(0, 2 * other.Count * Width).CopyTo(_cells);
        other._numbers.AsSpan(0, other.Count).CopyTo(_numbers);
        Count = other.Count;
        _textLength = _rowStart = other._rowStart;
    }

    public void Clear()
    {
        Count = 0;
        _textLength = 0;
        _rowStart = 0;
        _column = 0;
        _blank = true;
    }

    /// <summary>Rows read one at a time (XLSX, JSON) in batches, through one reused batch.</summary>
    public static IEnumerable<CellBatch> FromRows(int width, IEnumerable<SourceRow> rows)
    {
        var batch = new CellBatch(width);
        foreach (var row in rows)
        {
            foreach (var cell in row.Cells)
            {
                batch.AddCell(cell);
            }
            batch.EndRow(row.Number);
            if (batch.IsFull)
            {
                yield return batch;
                batch.Clear();
            }
        }
        if (batch.Count > 0)
        {
            yield return batch;
        }
    }
}
