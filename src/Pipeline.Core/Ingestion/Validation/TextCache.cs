namespace Pipeline.Core.Ingestion.Validation;

/// <summary>
/// What a repeated cell text was found to mean (a month, a date, a role), looked up by the
/// cell's span, so a text written on every row is parsed once and never copied to a string.
/// Holds at most <see cref="MaxEntries"/> texts; the rest are parsed each time.
/// </summary>
public sealed class TextCache<T>
{
    public const int MaxEntries = 4096;

    private readonly Dictionary<string, T> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, T>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public TextCache() => _lookup = _entries.GetAlternateLookup<ReadOnlySpan<char>>();

    public bool TryGet(ReadOnlySpan<char> text, out T value) => _lookup.TryGetValue(text, out value!);

    public void Add(ReadOnlySpan<char> text, T value)
    {
        if (_entries.Count < MaxEntries)
        {
            _lookup.TryAdd(text, value);
        }
    }
}
