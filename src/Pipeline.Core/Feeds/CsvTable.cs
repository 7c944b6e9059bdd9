using nietras.SeparatedValues;

namespace Pipeline.Core.Feeds;

/// <summary>
/// A feed's CSV read row by row: separator found from the header, BOMs honoured, columns looked
/// up by <see cref="FeedValues.ColumnKey"/> among aliases. Unreadable text becomes a <see cref="FeedFormatException"/>.
/// </summary>
internal sealed class CsvTable : IDisposable
{
    private readonly StreamReader _text;
    private readonly SepReader _reader;

    public CsvTable(Stream content, string source)
    {
        Source = source;
        _text = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        try
        {
            _reader = Sep.Reader(o => o with { Unescape = true, Trim = SepTrim.All }).From(_text);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException)
        {
            _text.Dispose();
            throw new FeedFormatException($"{source} is not readable CSV: {e.Message}", e);
        }
        Headers = _reader.Header.ColNames;
    }

    public string Source { get; }

    public IReadOnlyList<string> Headers { get; }

    /// <summary>The index of the first column whose key is one of the aliases, or -1.</summary>
    public int Find(params string[] aliases)
    {
        var keys = aliases.Select(FeedValues.ColumnKey).ToHashSet();
        for (var i = 0; i < Headers.Count; i++)
        {
            if (keys.Contains(FeedValues.ColumnKey(Headers[i])))
            {
                return i;
            }
        }
        return -1;
    }

    public int Require(string column, params string[] aliases)
    {
        var index = Find([column, .. aliases]);
        return index >= 0
            ? index
            : throw new FeedFormatException($"{Source} has no {column} column (columns found: {string.Join(", ", Headers)})");
    }

    /// <summary>Every data row as its cells' text, with the line number a person would see (header = 1).</summary>
    public IEnumerable<(int Line, string[] Cells)> Rows()
    {
        var line = 1;
        while (true)
        {
            string[] cells;
            try
            {
                if (!_reader.MoveNext())
                {
                    yield break;
                }
                var row = _reader.Current;
                cells = row[0..row.ColCount].ToStringsArray();
            }
            catch (InvalidDataException e)
            {
                throw new FeedFormatException($"{Source} line {line + 1} is not readable CSV: {e.Message}", e);
            }
            line++;
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            yield return (line, cells);
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _text.Dispose();
    }
}
