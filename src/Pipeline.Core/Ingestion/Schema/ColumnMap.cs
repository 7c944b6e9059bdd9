using System.Collections.Frozen;

namespace Pipeline.Core.Ingestion.Schema;

/// <summary>
/// Which column of the file holds each column of the data contract, matched by header
/// (SPEC: case, spaces, '_', '-' and punctuation ignored; aliases accepted).
/// </summary>
public sealed class ColumnMap
{
    /// <summary>Columns whose values never appear in reports: they may identify a person.</summary>
    private static readonly HashSet<string> SensitiveColumns = ["leaver_id", "comments"];

    /// <summary>Frozen: every cell of every row is found through it.</summary>
    private readonly FrozenDictionary<string, int> _indexes;
    private readonly Dictionary<string, string> _headers;

    private ColumnMap(Dictionary<string, int> indexes, Dictionary<string, string> headers)
    {
        _indexes = indexes.ToFrozenDictionary(StringComparer.Ordinal);
        _headers = headers;
    }

    /// <summary>Maps the header, adding an issue for every missing, duplicated, unknown or blank column.</summary>
    public static ColumnMap Build(DatasetSchema schema, IReadOnlyList<string> header, string? sheet, ICollection<ValidationIssue> issues)
    {
        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var written = header[i];
            if (string.IsNullOrWhiteSpace(written))
            {
                issues.Add(new ValidationIssue(Severity.Warning, 1, sheet, $"column {i + 1}", null, Rules.BlankLabel,
                    $"Column {i + 1} has no heading, so it was ignored."));
                continue;
            }
            if (schema.Match(written) is not { } column)
            {
                issues.Add(new ValidationIssue(Severity.Warning, 1, sheet, written, null, Rules.ExtraLabel,
                    $"The column '{written}' is not part of the {schema.Dataset} return, so it was ignored."));
                continue;
            }
            if (!indexes.TryAdd(column.Name, i))
            {
                issues.Add(new ValidationIssue(Severity.Error, 1, sheet, written, null, Rules.DuplicateLabel,
                    $"The columns '{headers[column.Name]}' and '{written}' both hold {column.Name}.", "Keep one of them and delete the other."));
                continue;
            }
            headers[column.Name] = written;
        }
        foreach (var missing in schema.Columns.Where(c => c.Required && !indexes.ContainsKey(c.Name)))
        {
            var alias = missing.Aliases.FirstOrDefault();
            issues.Add(new ValidationIssue(Severity.Error, 1, sheet, missing.Name, null, Rules.MissingLabel,
                $"The required column '{missing.Name}' is missing.",
                alias is null ? $"Add a column headed '{missing.Name}'." : $"Add a column headed '{missing.Name}' (or '{alias}')."));
        }
        return new ColumnMap(indexes, headers);
    }

    public int? IndexOf(string column) => _indexes.TryGetValue(column, out var index) ? index : null;

    /// <summary>The header as the partner wrote it, or the contract's name when the column is absent.</summary>
    public string HeaderOf(string column) => _headers.TryGetValue(column, out var header) ? header : column;

    public bool IsSensitive(string column) => SensitiveColumns.Contains(column);
}
