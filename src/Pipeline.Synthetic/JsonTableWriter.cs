using System.Text.Encodings.Web;

namespace Pipeline.Synthetic;

/// <summary>A JSON array of objects whose keys are the columns (SPEC "JSON uploads"); numbers as JSON numbers.</summary>
internal sealed class JsonTableWriter(Stream stream, FileStyle style) : ITableWriter
{
    private readonly Utf8JsonWriter _writer = new(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    private IReadOnlyList<string> _headers = [];

    public void WriteHeader(IReadOnlyList<string> headers)
    {
        _headers = headers;
        _writer.WriteStartArray();
    }

    public void WriteRow(ReadOnlySpan<Cell> cells)
    {
        _writer.WriteStartObject();
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = cells[i];
            switch (cell.Kind)
            {
                case CellKind.Blank when style.OmitBlanks:
                    break;
                case CellKind.Blank:
                    _writer.WriteNull(_headers[i]);
                    break;
                case CellKind.Number:
                    _writer.WriteNumber(_headers[i], cell.Number);
                    break;
                default:
                    _writer.WriteString(_headers[i], TableWriter.Format(cell, style));
                    break;
            }
        }
        _writer.WriteEndObject();
        if (_writer.BytesPending > 1 << 16)
        {
            _writer.Flush();
        }
    }

    public void Dispose()
    {
        _writer.WriteEndArray();
        _writer.Flush();
        _writer.Dispose();
        stream.Dispose();
    }
}
