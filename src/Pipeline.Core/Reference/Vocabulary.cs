namespace Pipeline.Core.Reference;

/// <summary>The three kinds of text partners write that the reference data resolves to a code.</summary>
public static class VocabularyKinds
{
    public const string Role = "role";
    public const string Reason = "reason";
    public const string Destination = "destination";

    public static readonly IReadOnlyList<string> All = [Role, Reason, Destination];

    public static Taxonomy TaxonomyOf(string kind) => kind switch
    {
        Role => ReferenceData.Roles,
        Reason => ReferenceData.Reasons,
        Destination => ReferenceData.Destinations,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a vocabulary kind."),
    };
}

/// <summary>A partnership mapping: one more spelling of a code, for every partner or (with <see cref="Partner"/>) for one.</summary>
public sealed record VocabularyMapping(string Kind, string Text, string Code, string? Partner);

/// <summary>A text no alias or mapping knew, with how many rows of one upload held it.</summary>
public sealed record UnmappedText(string Kind, string Text, int Rows);

/// <summary>
/// How one upload's texts resolve (SPEC "Reference data"): the partner's own mapping, then a
/// partnership-wide mapping, then the shipped aliases; always an exact match of the normalised
/// text (<see cref="Taxonomy.Key"/>). Near matches are only ever suggested. Made for one
/// upload: it also counts the texts nothing knew, for the coordinators' unmapped list.
/// </summary>
public sealed class Vocabulary
{
    private readonly Dictionary<(string Kind, string Key), TaxonomyEntry> _partnerMappings = [];
    private readonly Dictionary<(string Kind, string Key), TaxonomyEntry> _partnershipMappings = [];
    private readonly Dictionary<(string Kind, string Key), UnmappedText> _unmapped = [];

    /// <param name="mappings">Every stored mapping; those of other partners are ignored.</param>
    public Vocabulary(string partner, IEnumerable<VocabularyMapping> mappings)
    {
        foreach (var mapping in mappings)
        {
            var entry = VocabularyKinds.TaxonomyOf(mapping.Kind).Find(mapping.Code);
            if (entry is null)
            {
                // Codes are checked on import; one retired from the reference data since then no longer applies.
                continue;
            }
            var target = mapping.Partner is null ? _partnershipMappings
                : string.Equals(mapping.Partner, partner, StringComparison.OrdinalIgnoreCase) ? _partnerMappings
                : null;
            target?.TryAdd((mapping.Kind, Taxonomy.Key(mapping.Text)), entry);
        }
    }

    /// <summary>The texts that resolved to nothing, in the order first met.</summary>
    public IReadOnlyCollection<UnmappedText> Unmapped => _unmapped.Values;

    /// <summary>The entry a text stands for, or null (counted as unmapped) when nothing knows it.</summary>
    public TaxonomyEntry? Resolve(string kind, string text)
    {
        if (Find(kind, text) is { } entry)
        {
            return entry;
        }
        CountUnmapped(kind, text);
        return null;
    }

    /// <summary>Counts one row's text that nothing knew (<see cref="Find"/> said so).</summary>
    public void CountUnmapped(string kind, string text)
    {
        var key = (kind, Taxonomy.Key(text));
        _unmapped[key] = _unmapped.TryGetValue(key, out var seen) ? seen with { Rows = seen.Rows + 1 } : new UnmappedText(kind, text.Trim(), 1);
    }

    /// <summary>Like <see cref="Resolve"/> without counting: for asking whether a text is known today. Safe from several threads at once.</summary>
    public TaxonomyEntry? Find(string kind, string text)
    {
        var key = (kind, Taxonomy.Key(text));
        return _partnerMappings.GetValueOrDefault(key) ?? _partnershipMappings.GetValueOrDefault(key) ?? VocabularyKinds.TaxonomyOf(kind).Find(text);
    }

    /// <summary>The display name of the nearest shipped spelling, for a "did you mean" hint; never applied.</summary>
    public static string? Suggest(string kind, string text) => VocabularyKinds.TaxonomyOf(kind).Suggest(text);
}
