using System.Runtime.CompilerServices;

namespace Pipeline.Reliability.Tests.Faults;

/// <summary>
/// An <see cref="ITableStore"/> whose armed call (<see cref="FaultPlan"/>) fails. A partial write
/// of a batch stores its first row and then fails, as an Azure batch of more than 100 rows can
/// (one transaction per 100); a partial single-row write is stored and then reported failed, the
/// answer lost on the way back.
/// </summary>
public sealed class FaultingTableStore(ITableStore inner, FaultPlan plan) : ITableStore
{
    public async Task<TableRow?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        await FaultAsync(nameof(GetAsync), table);
        return await inner.GetAsync(table, partitionKey, rowKey, cancellationToken);
    }

    public async IAsyncEnumerable<TableRow> QueryAsync(string table, string? partitionKey, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await FaultAsync(nameof(QueryAsync), table);
        await foreach (var row in inner.QueryAsync(table, partitionKey, cancellationToken))
        {
            yield return row;
        }
    }

    public async Task UpsertAsync(string table, TableRow row, CancellationToken cancellationToken)
    {
        var kind = plan.Next(nameof(UpsertAsync), table);
        if (kind == FaultKind.PartialWrite)
        {
            await inner.UpsertAsync(table, row, cancellationToken);
        }
        await ThrowIfAsync(kind, nameof(UpsertAsync), table);
        await inner.UpsertAsync(table, row, cancellationToken);
    }

    public async Task UpsertPartitionAsync(string table, string partitionKey, IReadOnlyCollection<TableRow> rows, CancellationToken cancellationToken)
    {
        var kind = plan.Next(nameof(UpsertPartitionAsync), table);
        if (kind == FaultKind.PartialWrite && rows.Count > 0)
        {
            await inner.UpsertPartitionAsync(table, partitionKey, rows.Take(1).ToList(), cancellationToken);
        }
        await ThrowIfAsync(kind, nameof(UpsertPartitionAsync), table);
        await inner.UpsertPartitionAsync(table, partitionKey, rows, cancellationToken);
    }

    public async Task<bool> TryInsertAsync(string table, TableRow row, CancellationToken cancellationToken)
    {
        var kind = plan.Next(nameof(TryInsertAsync), table);
        if (kind == FaultKind.PartialWrite)
        {
            await inner.TryInsertAsync(table, row, cancellationToken);
        }
        await ThrowIfAsync(kind, nameof(TryInsertAsync), table);
        return await inner.TryInsertAsync(table, row, cancellationToken);
    }

    public async Task<bool> TryReplaceAsync(string table, TableRow row, CancellationToken cancellationToken)
    {
        var kind = plan.Next(nameof(TryReplaceAsync), table);
        if (kind == FaultKind.PartialWrite)
        {
            await inner.TryReplaceAsync(table, row, cancellationToken);
        }
        await ThrowIfAsync(kind, nameof(TryReplaceAsync), table);
        return await inner.TryReplaceAsync(table, row, cancellationToken);
    }

    public async Task DeleteAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        await FaultAsync(nameof(DeleteAsync), table);
        await inner.DeleteAsync(table, partitionKey, rowKey, cancellationToken);
    }

    private async Task FaultAsync(string call, string table) => await ThrowIfAsync(plan.Next(call, table), call, table);

    private static async Task ThrowIfAsync(FaultKind? kind, string call, string table)
    {
        if (kind is { } fault)
        {
            await FaultPlan.ThrowAsync(fault == FaultKind.PartialWrite ? FaultKind.Fail : fault, $"{call} {table}");
        }
    }
}
