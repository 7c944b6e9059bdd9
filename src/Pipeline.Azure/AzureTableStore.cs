using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;

namespace Pipeline.Azure;

/// <summary>
/// Keyed tables in Azure Table storage. Each value is a string property; a null value is
/// not stored (Table storage has no nulls) and reads back as absent, which
/// <see cref="TableRow"/>'s indexer treats the same. Tables are created the first time this
/// instance uses one. Property names must be letters, digits and '_' (the stores use snake_case).
/// </summary>
public sealed class AzureTableStore(TableServiceClient service) : ITableStore
{
    private static readonly HashSet<string> SystemProperties =
        new(["PartitionKey", "RowKey", "Timestamp", "odata.etag"], StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, bool> _knownTables = new(StringComparer.Ordinal);

    public async Task<TableRow?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var client = await TableAsync(table, cancellationToken);
        var response = await client.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? ToRow(response.Value!) : null;
    }

    public async IAsyncEnumerable<TableRow> QueryAsync(string table, string? partitionKey, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var client = await TableAsync(table, cancellationToken);
        var filter = partitionKey is null ? null : TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        await foreach (var entity in client.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return ToRow(entity);
        }
    }

    public async Task UpsertAsync(string table, TableRow row, CancellationToken cancellationToken)
    {
        var client = await TableAsync(table, cancellationToken);
        await client.UpsertEntityAsync(ToEntity(row), TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Entity group transactions take at most 100 operations, all in one partition.</summary>
    public async Task UpsertPartitionAsync(string table, string partitionKey, IReadOnlyCollection<TableRow> rows, CancellationToken cancellationToken)
    {
        TableRows.RequireOnePartition(partitionKey, rows);
        var client = await TableAsync(table, cancellationToken);
        foreach (var batch in rows.Chunk(100))
        {
            var actions = batch.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(row)));
            await client.SubmitTransactionAsync(actions, cancellationToken);
        }
    }

    public async Task<bool> TryInsertAsync(string table, TableRow row, CancellationToken cancellationToken)
    {
        var client = await TableAsync(table, cancellationToken);
        try
        {
            await client.AddEntityAsync(ToEntity(row), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<bool> TryReplaceAsync(string table, TableRow row, CancellationToken cancellationToken)
    {
        if (row.ETag is null)
        {
            return false;
        }
        var client = await TableAsync(table, cancellationToken);
        try
        {
            await client.UpdateEntityAsync(ToEntity(row), new ETag(row.ETag), TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }

    public async Task DeleteAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var client = await TableAsync(table, cancellationToken);
        try
        {
            await client.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already gone.
        }
    }

    private async Task<TableClient> TableAsync(string table, CancellationToken cancellationToken)
    {
        var client = service.GetTableClient(table);
        if (!_knownTables.ContainsKey(table))
        {
            await client.CreateIfNotExistsAsync(cancellationToken);
            _knownTables.TryAdd(table, true);
        }
        return client;
    }

    private static TableEntity ToEntity(TableRow row)
    {
        var entity = new TableEntity(row.PartitionKey, row.RowKey);
        foreach (var (name, value) in row.Values)
        {
            if (value is not null)
            {
                entity[name] = value;
            }
        }
        return entity;
    }

    private static TableRow ToRow(TableEntity entity)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in entity)
        {
            if (!SystemProperties.Contains(name))
            {
                values[name] = value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture);
            }
        }
        return new TableRow(entity.PartitionKey, entity.RowKey, values, entity.ETag.ToString());
    }
}
