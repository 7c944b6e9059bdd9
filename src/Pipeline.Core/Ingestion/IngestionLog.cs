namespace Pipeline.Core.Ingestion;

/// <summary>
/// The ingestion log (<c>ingestions</c> table): one partition per partner folder. An upload's
/// main row is keyed by dataset and SHA-256, so the same bytes map to the same row; each later
/// arrival of those bytes under another landing path adds one <c>duplicate</c> row.
/// </summary>
public sealed class IngestionLog(ITableStore tables)
{
    public const string Table = "ingestions";

    public async Task<IngestionRecord?> FindAsync(string partner, string dataset, string sha256, CancellationToken cancellationToken)
    {
        var row = await tables.GetAsync(Table, PartitionKey(partner), MainRowKey(dataset, sha256), cancellationToken);
        return row is null ? null : IngestionRecord.FromStored(row);
    }

    public Task SaveAsync(IngestionRecord record, CancellationToken cancellationToken) =>
        tables.UpsertAsync(Table, ToRow(record, RowKeyFor(record)), cancellationToken);

    /// <summary>Every record of one partner (or of all partners), newest upload first.</summary>
    public async Task<IReadOnlyList<IngestionRecord>> ListAsync(string? partner, CancellationToken cancellationToken)
    {
        var records = new List<IngestionRecord>();
        await foreach (var row in tables.QueryAsync(Table, partner is null ? null : PartitionKey(partner), cancellationToken))
        {
            records.Add(IngestionRecord.FromStored(row));
        }
        return records.OrderByDescending(r => r.UploadedAt).ThenBy(r => r.Sha256, StringComparer.Ordinal).ToList();
    }

    private static string RowKeyFor(IngestionRecord record) =>
        record.Status == IngestionStatus.Duplicate
            ? $"{MainRowKey(record.Dataset, record.Sha256)}|duplicate|{Hashing.Sha256Hex(record.LandingPath)[..16]}"
            : MainRowKey(record.Dataset, record.Sha256);

    private static string MainRowKey(string dataset, string sha256) => $"{TableKeys.Safe(dataset)}|{sha256}";

    private static string PartitionKey(string partner) => TableKeys.Safe(partner);

    private static TableRow ToRow(IngestionRecord record, string rowKey) =>
        new(PartitionKey(record.Partner), rowKey, IngestionRecord.Schema.ToStored(record));
}
