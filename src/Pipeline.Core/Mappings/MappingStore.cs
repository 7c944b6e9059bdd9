namespace Pipeline.Core.Mappings;

/// <summary>One recorded change of a mapping: what it became, when, and the code it had before (null when new).</summary>
public sealed record MappingChange(VocabularyMapping Mapping, DateTimeOffset ChangedAt, string? PreviousCode);

/// <summary>
/// The partnership mappings (SPEC "Reference data"), kept in the <c>mappings</c> table: partition
/// <c>current</c> holds one row per (kind, partner, normalised text); partition <c>history</c>
/// one row per change, keyed by its time, so what applied when can always be told.
/// </summary>
public sealed class MappingStore(ITableStore tables, TimeProvider clock)
{
    public const string Table = "mappings";
    private const string Current = "current";
    private const string History = "history";

    /// <summary>Every mapping in force, by kind, partner (partnership-wide first) and text.</summary>
    public async Task<IReadOnlyList<VocabularyMapping>> ListAsync(CancellationToken cancellationToken)
    {
        var mappings = new List<VocabularyMapping>();
        await foreach (var row in tables.QueryAsync(Table, Current, cancellationToken))
        {
            mappings.Add(MappingOf(row));
        }
        return mappings
            .OrderBy(m => m.Kind, StringComparer.Ordinal)
            .ThenBy(m => m.Partner ?? "", StringComparer.Ordinal)
            .ThenBy(m => m.Text, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>Every change ever made, oldest first.</summary>
    public async Task<IReadOnlyList<MappingChange>> HistoryAsync(CancellationToken cancellationToken)
    {
        var changes = new List<MappingChange>();
        await foreach (var row in tables.QueryAsync(Table, History, cancellationToken))
        {
            changes.Add(new MappingChange(MappingOf(row), DateTimeOffset.Parse(row["changed_at"]!, CultureInfo.InvariantCulture), row["previous_code"]));
        }
        return changes.OrderBy(c => c.ChangedAt).ThenBy(c => c.Mapping.Text, StringComparer.Ordinal).ToList();
    }

    /// <summary>How one partner's uploads resolve texts today.</summary>
    public async Task<Vocabulary> VocabularyForAsync(string partner, CancellationToken cancellationToken) =>
        new(partner, await ListAsync(cancellationToken));

    /// <summary>
    /// Saves checked mappings (see <see cref="MappingFile"/>): a new text or a changed code is
    /// recorded in the history first, then put in force; one already in force unchanged is left
    /// alone. Returns how many changed.
    /// </summary>
    public async Task<int> SaveAsync(IReadOnlyList<VocabularyMapping> mappings, CancellationToken cancellationToken)
    {
        var inForce = (await ListAsync(cancellationToken)).ToDictionary(RowKey, StringComparer.Ordinal);
        var changedAt = clock.GetUtcNow();
        var changes = new Dictionary<string, (VocabularyMapping Mapping, string? PreviousCode)>(StringComparer.Ordinal);
        foreach (var mapping in mappings)
        {
            var previous = inForce.GetValueOrDefault(RowKey(mapping));
            if (previous?.Code != mapping.Code)
            {
                // Within one file the last line for a text wins, as it would line by line.
                changes[RowKey(mapping)] = (mapping, previous?.Code);
            }
        }
        if (changes.Count == 0)
        {
            return 0;
        }
        var stamp = changedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss.fffffff'Z'", CultureInfo.InvariantCulture);
        var history = changes.Select(pair => new TableRow(History, $"{stamp}|{pair.Key}", Values(pair.Value.Mapping, changedAt, pair.Value.PreviousCode))).ToList();
        await tables.UpsertPartitionAsync(Table, History, history, cancellationToken);
        var current = changes.Select(pair => new TableRow(Current, pair.Key, Values(pair.Value.Mapping, changedAt, previousCode: null))).ToList();
        await tables.UpsertPartitionAsync(Table, Current, current, cancellationToken);
        return changes.Count;
    }

    private static string RowKey(VocabularyMapping mapping) =>
        TableKeys.Safe($"{mapping.Kind}|{mapping.Partner ?? "*"}|{Taxonomy.Key(mapping.Text)}");

    private static Dictionary<string, string?> Values(VocabularyMapping mapping, DateTimeOffset changedAt, string? previousCode)
    {
        var values = new Dictionary<string, string?>
        {
            ["kind"] = mapping.Kind,
            ["text"] = mapping.Text,
            ["code"] = mapping.Code,
            ["partner"] = mapping.Partner,
            ["changed_at"] = changedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        };
        if (previousCode is not null)
        {
            values["previous_code"] = previousCode;
        }
        return values;
    }

    private static VocabularyMapping MappingOf(TableRow row) =>
        new(row["kind"] ?? "", row["text"] ?? "", row["code"] ?? "", string.IsNullOrEmpty(row["partner"]) ? null : row["partner"]);
}
