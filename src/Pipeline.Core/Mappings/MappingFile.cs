using nietras.SeparatedValues;

namespace Pipeline.Core.Mappings;

/// <summary>A mappings file read and checked: the mappings, or every problem found (then none may be saved).</summary>
public sealed record MappingFileResult(IReadOnlyList<VocabularyMapping> Mappings, IReadOnlyList<string> Problems);

/// <summary>
/// Reads a mappings file with the columns <c>kind,text,code,partner</c> (partner blank for every
/// partner) and checks every line against the reference data and the partner registry. One bad
/// line refuses the whole file (SPEC "Local runner verbs"), so a file is applied all or nothing.
/// </summary>
public static class MappingFile
{
    public static readonly IReadOnlyList<string> Columns = ["kind", "text", "code", "partner"];

    public static async Task<MappingFileResult> ReadAsync(string path, PartnerRegistry partners, CancellationToken cancellationToken)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true, Trim = SepTrim.All }).FromFile(path);
        var missing = Columns.Where(column => !reader.Header.ColNames.Contains(column, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            return new MappingFileResult([], [$"The file has no column {string.Join(", ", missing)}: the columns are {string.Join(",", Columns)}."]);
        }
        var lines = new List<(int Line, string Kind, string Text, string Code, string Partner)>();
        foreach (var row in reader)
        {
            lines.Add((row.LineNumberFrom, row["kind"].ToString().ToLowerInvariant(), row["text"].ToString(), row["code"].ToString(), row["partner"].ToString()));
        }
        var known = (await partners.ListAsync(cancellationToken)).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var mappings = new List<VocabularyMapping>();
        var problems = new List<string>();
        foreach (var (line, kind, text, code, partner) in lines)
        {
            var problem = Check(kind, text, code, partner, known);
            if (problem is not null)
            {
                problems.Add($"Line {line}: {problem}");
                continue;
            }
            mappings.Add(new VocabularyMapping(kind, text, code, partner.Length == 0 ? null : partner));
        }
        if (lines.Count == 0)
        {
            problems.Add("The file has no mappings under its header.");
        }
        return problems.Count > 0 ? new MappingFileResult([], problems) : new MappingFileResult(mappings, []);
    }

    /// <summary>Writes mappings in the file's own columns, so a list can be edited and imported again.</summary>
    public static void Write(IEnumerable<VocabularyMapping> mappings, TextWriter writer)
    {
        using var csv = Sep.New(',').Writer(o => o with { Escape = true }).To(writer, leaveOpen: true);
        // The header even with no mappings, so an empty list is still a valid import file.
        csv.Header.Add(["kind", "text", "code", "partner"]);
        csv.Header.Write();
        foreach (var mapping in mappings)
        {
            using var row = csv.NewRow();
            row["kind"].Set(mapping.Kind);
            row["text"].Set(mapping.Text);
            row["code"].Set(mapping.Code);
            row["partner"].Set(mapping.Partner ?? "");
        }
    }

    private static string? Check(string kind, string text, string code, string partner, IReadOnlySet<string> knownPartners)
    {
        if (!VocabularyKinds.All.Contains(kind))
        {
            return $"'{kind}' is not a kind of mapping: use {string.Join(", ", VocabularyKinds.All)}.";
        }
        if (Taxonomy.Key(text).Length == 0)
        {
            return "the text is blank.";
        }
        var taxonomy = VocabularyKinds.TaxonomyOf(kind);
        if (!taxonomy.Codes.Contains(code, StringComparer.Ordinal))
        {
            return $"'{code}' is not a {kind} code: use one of {string.Join(", ", taxonomy.Codes)}.";
        }
        if (partner.Length > 0 && !knownPartners.Contains(partner))
        {
            return $"'{partner}' is not a registered partner: leave the partner blank for every partner, or register it first.";
        }
        return null;
    }
}
