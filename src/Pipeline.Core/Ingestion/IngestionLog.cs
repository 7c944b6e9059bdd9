using System.Globalization;
using Pipeline.Core.Storage;

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
        return row is null ? null : FromRow(row);
    }

    public Task SaveAsync(IngestionRecord record, CancellationToken cancellationToken) =>
        tables.UpsertAsync(Table, ToRow(record, RowKeyFor(record)), cancellationToken);

    /// <summary>Every record of one partner (or of all partners), newest upload first.</summary>
    public async Task<IReadOnlyList<IngestionRecord>> ListAsync(string? partner, CancellationToken cancellationToken)
    {
        var records = new List<IngestionRecord>();
        await foreach (var row in tables.QueryAsync(Table, partner is null ? null : PartitionKey(partner), cancellationToken))
        {
            records.Add(FromRow(row));
        }
        return records.OrderByDescending(r => r.UploadedAt).ThenBy(r => r.Sha256, StringComparer.Ordinal).ToList();
    }

    private static string RowKeyFor(IngestionRecord record) =>
        record.Status == IngestionStatus.Duplicate
            ? $"{MainRowKey(record.Dataset, record.Sha256)}|duplicate|{Hashing.Sha256Hex(record.LandingPath)[..16]}"
            : MainRowKey(record.Dataset, record.Sha256);

    private static string MainRowKey(string dataset, string sha256) => $"{TableKeys.Safe(dataset)}|{sha256}";

    private static string PartitionKey(string partner) => TableKeys.Safe(partner);

    private static TableRow ToRow(IngestionRecord record, string rowKey) => new(PartitionKey(record.Partner), rowKey,
        new Dictionary<string, string?>
        {
            ["partner"] = record.Partner,
            ["dataset"] = record.Dataset,
            ["file_name"] = record.FileName,
            ["landing_path"] = record.LandingPath,
            ["sha256"] = record.Sha256,
            ["status"] = record.Status,
            ["uploaded_at"] = Instant(record.UploadedAt),
            ["started_at"] = Instant(record.StartedAt),
            ["finished_at"] = Instant(record.FinishedAt),
            ["rows_in"] = Number(record.RowsIn),
            ["rows_accepted"] = Number(record.RowsAccepted),
            ["rows_refused"] = Number(record.RowsRefused),
            ["errors"] = Number(record.Errors),
            ["warnings"] = Number(record.Warnings),
            ["attempts"] = Number(record.Attempts),
            ["periods"] = string.Join(',', record.Periods),
            ["superseded_periods"] = string.Join(',', record.SupersededPeriods),
            ["report_path"] = record.ReportPath,
            ["raw_path"] = record.RawPath,
            ["reprocessed_at"] = record.ReprocessedAt is { } reprocessed ? Instant(reprocessed) : null,
            ["message"] = record.Message,
        });

    private static IngestionRecord FromRow(TableRow row) => new()
    {
        Partner = row["partner"] ?? row.PartitionKey,
        Dataset = row["dataset"] ?? "",
        FileName = row["file_name"] ?? "",
        LandingPath = row["landing_path"] ?? "",
        Sha256 = row["sha256"] ?? "",
        Status = row["status"] ?? "",
        UploadedAt = ParseInstant(row["uploaded_at"]),
        StartedAt = ParseInstant(row["started_at"]),
        FinishedAt = ParseInstant(row["finished_at"]),
        RowsIn = ParseNumber(row["rows_in"]),
        RowsAccepted = ParseNumber(row["rows_accepted"]),
        RowsRefused = ParseNumber(row["rows_refused"]),
        Errors = ParseNumber(row["errors"]),
        Warnings = ParseNumber(row["warnings"]),
        Attempts = ParseNumber(row["attempts"]),
        Periods = SplitList(row["periods"]),
        SupersededPeriods = SplitList(row["superseded_periods"]),
        ReportPath = row["report_path"],
        RawPath = row["raw_path"],
        ReprocessedAt = row["reprocessed_at"] is { } reprocessed ? ParseInstant(reprocessed) : null,
        Message = row["message"],
    };

    private static string Instant(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseInstant(string? text) =>
        DateTimeOffset.Parse(text ?? "", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static int ParseNumber(string? text) => int.Parse(text ?? "0", CultureInfo.InvariantCulture);

    private static string[] SplitList(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split(',');
}
