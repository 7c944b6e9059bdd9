namespace Pipeline.Core.Ingestion.Validation;

/// <summary>
/// One kind of the upload's vocabulary (roles, reasons, destinations) resolved from cells:
/// a text once known is looked up by its span after that. An unknown text is noted on the row
/// every time it is met (<see cref="RowReader.UnmappedTexts"/>), for the validator to count in
/// file order, as <see cref="Vocabulary.Resolve"/> would have.
/// </summary>
public sealed class KnownTexts(Vocabulary vocabulary, string kind)
{
    private readonly TextCache<TaxonomyEntry> _known = new();

    /// <summary>The entry of a non-empty cell; null, with the cell as text, when nothing knows it.</summary>
    public TaxonomyEntry? Resolve(RowReader row, ReadOnlySpan<char> cell, out string? unknownText)
    {
        unknownText = null;
        if (_known.TryGet(cell, out var cached))
        {
            return cached;
        }
        var text = cell.ToString();
        if (vocabulary.Find(kind, text) is { } entry)
        {
            _known.Add(cell, entry);
            return entry;
        }
        row.NoteUnmapped(kind, text);
        unknownText = text;
        return null;
    }
}
