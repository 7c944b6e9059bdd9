namespace Pipeline.Core.Ingestion.Sources;

/// <summary>
/// A JSON upload: an array of objects whose keys are the columns (SPEC "JSON uploads").
/// Read twice, streaming both times: once for the union of keys (the header), once for rows.
/// Object n of the array is row n + 1, as if the keys were a header row.
/// </summary>
public sealed class JsonSource : ITabularSource
{
    private readonly Stream _stream;
    private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);

    public JsonSource(Stream stream)
    {
        _stream = stream;
        foreach (var element in Elements(CancellationToken.None))
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw NotAnArrayOfObjects();
            }
            foreach (var property in element.EnumerateObject())
            {
                _columns.TryAdd(Utf8Text(() => property.Name), _columns.Count);
            }
        }
        if (_columns.Count == 0)
        {
            throw new UnreadableUploadException(Rules.FormatError, "The JSON file holds no records.", "Upload an array with one object per row.");
        }
        Header = _columns.Keys.ToArray();
    }

    public string? Sheet => null;

    public IReadOnlyList<string> Header { get; }

    public IEnumerable<SourceRow> ReadRows(CancellationToken cancellationToken)
    {
        var number = 1;
        foreach (var element in Elements(cancellationToken))
        {
            number++;
            var cells = new string[_columns.Count];
            Array.Fill(cells, "");
            foreach (var property in element.EnumerateObject())
            {
                cells[_columns[Utf8Text(() => property.Name)]] = CellText(property.Value);
            }
            yield return new SourceRow(number, cells);
        }
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>
    /// The array's elements, one at a time. The serializer only streams asynchronously; the
    /// upload is a local temporary file, so waiting on it here blocks nothing that matters.
    /// </summary>
    private IEnumerable<JsonElement> Elements(CancellationToken cancellationToken)
    {
        _stream.Position = 0;
        var enumerator = JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(_stream, cancellationToken: cancellationToken)
            .GetAsyncEnumerator(cancellationToken);
        try
        {
            while (MoveNext(enumerator))
            {
                yield return enumerator.Current;
            }
        }
        finally
        {
            enumerator.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static bool MoveNext(IAsyncEnumerator<JsonElement> enumerator)
    {
        try
        {
            return enumerator.MoveNextAsync().AsTask().GetAwaiter().GetResult();
        }
        catch (JsonException e)
        {
            throw new UnreadableUploadException(Rules.FormatError,
                $"The JSON is not valid: {e.Message}", "Upload a JSON array of objects, one object per row, e.g. [{\"period\": \"2026-10\", ...}].");
        }
    }

    private static string CellText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Utf8Text(value.GetString),
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        // A nested object or array is kept as its JSON text, which is decoded too (found by fuzzing).
        _ => Utf8Text(value.GetRawText),
    };

    /// <summary>
    /// A name or string of the document. The reader checks the JSON's structure but not the UTF-8
    /// inside strings, which only fails when the text is decoded: a fault of the file, so a refusal.
    /// </summary>
    private static string Utf8Text(Func<string?> decode)
    {
        try
        {
            return decode() ?? "";
        }
        catch (InvalidOperationException)
        {
            throw new UnreadableUploadException(Rules.FormatError, "The JSON has text that is not valid UTF-8.", "Save the file with the UTF-8 encoding and upload it again.");
        }
    }

    private static UnreadableUploadException NotAnArrayOfObjects() => new(Rules.FormatError,
        "The JSON must be an array of objects, one object per row.", "Upload e.g. [{\"period\": \"2026-10\", \"role\": \"Staff Nurse\", ...}].");
}
