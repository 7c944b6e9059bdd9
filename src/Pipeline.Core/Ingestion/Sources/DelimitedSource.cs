using nietras.SeparatedValues;

namespace Pipeline.Core.Ingestion.Sources;

/// <summary>
/// CSV, semicolon- or tab-separated text, read with Sep. The delimiter is the one of comma,
/// semicolon and tab the header line holds most of.
/// </summary>
public sealed class DelimitedSource : ITabularSource
{
    private readonly StreamReader _text;
    private readonly SepReader _reader;

    public DelimitedSource(Stream stream)
    {
        var encoding = TextEncodingDetector.Detect(stream);
        _text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: false);
        var separator = DetectSeparator(_text);
        _reader = Sep.New(separator).Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true, DisableQuotesParsing = false }).From(_text);
        Header = ReadHeader();
    }

    public string? Sheet => null;

    public IReadOnlyList<string> Header { get; }

    public IEnumerable<SourceRow> ReadRows(CancellationToken cancellationToken)
    {
        var number = 1;
        var width = Header.Count;
        foreach (var row in _reader)
        {
            number++;
            cancellationToken.ThrowIfCancellationRequested();
            var cells = new string[width];
            var blank = true;
            for (var i = 0; i < width; i++)
            {
                cells[i] = i < row.ColCount ? row[i].ToString() : "";
                blank &= string.IsNullOrWhiteSpace(cells[i]);
            }
            if (!blank)
            {
                yield return new SourceRow(number, cells);
            }
        }
    }

    public IEnumerable<CellBatch> ReadBatches(CancellationToken cancellationToken)
    {
        var number = 1;
        var batch = new CellBatch(Header.Count);
        foreach (var row in _reader)
        {
            number++;
            for (var i = 0; i < row.ColCount; i++)
            {
                batch.AddCell(row[i].Span);
            }
            if (batch.RowIsBlank)
            {
                batch.DropRow();
                continue;
            }
            batch.EndRow(number);
            if (batch.IsFull)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return batch;
                batch.Clear();
            }
        }
        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _text.Dispose();
    }

    private string[] ReadHeader()
    {
        if (!_reader.MoveNext())
        {
            throw new UnreadableUploadException(Rules.FormatError, "The file is empty: it has no header row and no data.",
                "Upload the file again with a header row and at least one row of data.");
        }
        var row = _reader.Current;
        var header = new string[row.ColCount];
        for (var i = 0; i < header.Length; i++)
        {
            header[i] = row[i].ToString().Trim().TrimStart('\uFEFF');
        }
        if (header.All(string.IsNullOrWhiteSpace))
        {
            throw new UnreadableUploadException(Rules.FormatError, "The first row is blank: it must hold the column names.",
                "Put the column names in row 1.");
        }
        return header;
    }

    /// <summary>Peeks at the first line to choose the delimiter, without consuming it.</summary>
    private static char DetectSeparator(StreamReader text)
    {
        var buffer = new char[4096];
        var read = text.ReadBlock(buffer, 0, buffer.Length);
        text.BaseStream.Position = 0;
        text.DiscardBufferedData();
        var firstLine = new string(buffer, 0, read).Split('\n')[0];
        var counts = new (char Separator, int Count)[]
        {
            (',', CountOutsideQuotes(firstLine, ',')),
            (';', CountOutsideQuotes(firstLine, ';')),
            ('\t', CountOutsideQuotes(firstLine, '\t')),
        };
        var best = counts.MaxBy(c => c.Count);
        return best.Count > 0 ? best.Separator : ',';
    }

    private static int CountOutsideQuotes(string line, char separator)
    {
        var count = 0;
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == separator && !quoted)
            {
                count++;
            }
        }
        return count;
    }
}
