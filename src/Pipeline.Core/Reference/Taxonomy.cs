using System.Reflection;

namespace Pipeline.Core.Reference;

/// <summary>One code of a taxonomy with its display name, group and the other ways people write it.</summary>
public sealed record TaxonomyEntry(string Code, string Name, string? Group, IReadOnlyList<string> Aliases);

/// <summary>
/// A code list read from a versioned data file shipped in the assembly (Reference/Data/*.csv):
/// code, name, [group,] aliases separated by '|'. Looks values up case-insensitively by code,
/// name or alias, suggests the nearest name for a typo, and finds aliases inside free text.
/// An alias written with a leading '=' is too general to classify free text ("Technician",
/// "Supervisor"): it matches a whole value only.
/// </summary>
public sealed class Taxonomy
{
    private readonly Dictionary<string, TaxonomyEntry> _byKey = new(StringComparer.Ordinal);
    private readonly List<(string Key, TaxonomyEntry Entry)> _aliasesLongestFirst;

    private Taxonomy(IReadOnlyList<TaxonomyEntry> entries, IReadOnlySet<string> wholeValueOnlyKeys)
    {
        Entries = entries;
        foreach (var entry in entries)
        {
            foreach (var spelling in entry.Aliases.Prepend(entry.Name).Prepend(entry.Code))
            {
                _byKey.TryAdd(Key(spelling), entry);
            }
        }
        _aliasesLongestFirst = _byKey.Where(pair => !wholeValueOnlyKeys.Contains(pair.Key)).Select(pair => (pair.Key, pair.Value))
            .OrderByDescending(pair => pair.Key.Length).ThenBy(pair => pair.Key, StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<TaxonomyEntry> Entries { get; }

    public IEnumerable<string> Codes => Entries.Select(e => e.Code);

    public TaxonomyEntry? Find(string? value) =>
        value is not null && _byKey.TryGetValue(Key(value), out var entry) ? entry : null;

    public TaxonomyEntry Get(string code) =>
        Find(code) ?? throw new KeyNotFoundException($"No code {code}");

    /// <summary>The display name of the spelling nearest to a value that matched nothing, when one is close.</summary>
    public string? Suggest(string value)
    {
        var key = Key(value);
        if (key.Length == 0)
        {
            return null;
        }
        var best = _byKey
            .Select(pair => (Entry: pair.Value, Distance: EditDistance(key, pair.Key)))
            .MinBy(candidate => candidate.Distance);
        var allowed = Math.Max(2, key.Length / 4);
        return best.Entry is not null && best.Distance <= allowed ? best.Entry.Name : null;
    }

    /// <summary>The entry of the longest spelling found as whole words inside the text (e.g. a job title).</summary>
    public TaxonomyEntry? FindWithin(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var padded = $" {Key(text)} ";
        foreach (var (key, entry) in _aliasesLongestFirst)
        {
            if (padded.Contains($" {key} ", StringComparison.Ordinal))
            {
                return entry;
            }
        }
        return null;
    }

    /// <summary>
    /// The matching key: lower case, punctuation as spaces, runs of spaces folded and '&' read as "and", so
    /// "Voluntary Resignation – Work Life Balance" and "voluntary resignation - work life balance" meet,
    /// and so do "Estates & Ancillary" and "Estates and Ancillary".
    /// </summary>
    public static string Key(string value)
    {
        var builder = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var c in value.Trim())
        {
            if (char.IsLetterOrDigit(c) || c == '+')
            {
                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }
                pendingSpace = false;
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (c == '&')
            {
                builder.Append(builder.Length > 0 ? " and" : "and");
                pendingSpace = true;
            }
            else if (c != '\'')
            {
                pendingSpace = true;
            }
        }
        return builder.ToString();
    }

    public static Taxonomy Load(string resourceName, bool hasGroup)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Pipeline.Reference.{resourceName}")
            ?? throw new InvalidOperationException($"Reference data {resourceName} is not embedded");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var columns = hasGroup ? 4 : 3;
        var entries = new List<TaxonomyEntry>();
        var wholeValueOnlyKeys = new HashSet<string>(StringComparer.Ordinal);
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }
            // The aliases column is last and may itself hold commas.
            var cells = line.Split(',', columns);
            var aliases = cells[^1].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            wholeValueOnlyKeys.UnionWith(aliases.Where(alias => alias.StartsWith('=')).Select(alias => Key(alias)));
            entries.Add(new TaxonomyEntry(cells[0], cells[1], hasGroup ? cells[2] : null, aliases.Select(alias => alias.TrimStart('=')).ToList()));
        }
        return new Taxonomy(entries, wholeValueOnlyKeys);
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), substitution);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
