namespace Pipeline.Core.Storage;

/// <summary>
/// Small keyed tables (ingestion log, partner registry, feed state, indicator serving):
/// Azure Table storage, or one SQLite database locally. Values are strings; typed stores on top
/// parse them, so both implementations behave the same.
/// </summary>
public interface ITableStore
{
    Task<TableRow?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken);

    /// <summary>Every row of the table, or of one partition when <paramref name="partitionKey"/> is given.</summary>
    IAsyncEnumerable<TableRow> QueryAsync(string table, string? partitionKey, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the row whatever its version.</summary>
    Task UpsertAsync(string table, TableRow row, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts or replaces many rows of one partition: in batches of up to 100 per request in
    /// Azure (entity group transactions), in one transaction locally.
    /// </summary>
    /// <exception cref="ArgumentException">A row is not in <paramref name="partitionKey"/>.</exception>
    Task UpsertPartitionAsync(string table, string partitionKey, IReadOnlyCollection<TableRow> rows, CancellationToken cancellationToken);

    /// <summary>Inserts the row only when its key is free; returns false when it exists.</summary>
    Task<bool> TryInsertAsync(string table, TableRow row, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the row only while it still has the version <see cref="TableRow.ETag"/> says;
    /// returns false when someone else changed it first (optimistic concurrency).
    /// </summary>
    Task<bool> TryReplaceAsync(string table, TableRow row, CancellationToken cancellationToken);

    Task DeleteAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken);
}

/// <param name="ETag">The version read; null on rows not yet stored.</param>
public sealed record TableRow(
    string PartitionKey,
    string RowKey,
    IReadOnlyDictionary<string, string?> Values,
    string? ETag = null)
{
    public string? this[string name] => Values.TryGetValue(name, out var value) ? value : null;
}

public static class TableRows
{
    /// <exception cref="ArgumentException">A row is not in the partition.</exception>
    public static void RequireOnePartition(string partitionKey, IEnumerable<TableRow> rows)
    {
        if (rows.FirstOrDefault(row => row.PartitionKey != partitionKey) is { } stray)
        {
            throw new ArgumentException($"Row {stray.RowKey} is in partition {stray.PartitionKey}, not {partitionKey}.", nameof(rows));
        }
    }
}
