namespace Pipeline.Core.Ingestion.Validation;

/// <summary>
/// One kind of the upload's vocabulary (roles, reasons, destinations) resolved from cells:
/// a text once known is looked up by its span after that; an unknown text is resolved (and so
/// counted as unmapped) every time, as <see cref="Vocabulary.Resolve"/> would be.
/// </summary>
public sealed class KnownTexts(Vocabulary vocabulary, string kind)
{
    private readonly TextCache<TaxonomyEntry> _known = new();

    /// <summary>The entry of a non-empty cell; null, with the cell as text, when nothing knows it.</summary>
    public TaxonomyEntry? Resolve(ReadOnlySpan<char> cell, out string? unknownText)
    {
        unknownText = null;
        if (_known.TryGet(cell, out var cached))
        {
            return cached;
        }
        var text = cell.ToString();
        if (vocabulary.Resolve(kind, text) is { } entry)
        {
            _known.Add(cell, entry);
            return entry;
        }
        unknownText = text;
        return null;
    }
}
