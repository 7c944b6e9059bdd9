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

    public Task UpsertAsync(string table, TableRow row, CancellationToken cancellationToken) =>
        WriteRowAsync(nameof(UpsertAsync), table, async () =>
        {
            await inner.UpsertAsync(table, row, cancellationToken);
            return true;
        });

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

    public Task<bool> TryInsertAsync(string table, TableRow row, CancellationToken cancellationToken) =>
        WriteRowAsync(nameof(TryInsertAsync), table, () => inner.TryInsertAsync(table, row, cancellationToken));

    public Task<bool> TryReplaceAsync(string table, TableRow row, CancellationToken cancellationToken) =>
        WriteRowAsync(nameof(TryReplaceAsync), table, () => inner.TryReplaceAsync(table, row, cancellationToken));

    public async Task DeleteAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        await FaultAsync(nameof(DeleteAsync), table);
        await inner.DeleteAsync(table, partitionKey, rowKey, cancellationToken);
    }

    /// <summary>A single-row write: a partial one is stored, then reported failed (the answer lost on the way back).</summary>
    private async Task<bool> WriteRowAsync(string call, string table, Func<Task<bool>> write)
    {
        var kind = plan.Next(call, table);
        if (kind == FaultKind.PartialWrite)
        {
            await write();
        }
        await ThrowIfAsync(kind, call, table);
        return await write();
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
