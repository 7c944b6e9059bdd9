namespace Pipeline.Core.Indicators;

/// <summary>
/// The indicator serving table (<c>indicators</c>): one partition per period, one row per
/// indicator x scope. Whole periods are replaced at once by <see cref="ReplacePeriodAsync"/>.
/// </summary>
public sealed class IndicatorStore(ITableStore tables)
{
    public const string Table = "indicators";

    /// <summary>Writes a period's rows, then removes rows of that period the new set no longer has.</summary>
    public async Task ReplacePeriodAsync(string period, IReadOnlyCollection<IndicatorRow> rows, CancellationToken cancellationToken)
    {
        var tableRows = rows.Select(ToTableRow).ToList();
        await tables.UpsertPartitionAsync(Table, period, tableRows, cancellationToken);
        var keep = tableRows.Select(row => row.RowKey).ToHashSet(StringComparer.Ordinal);
        var stale = new List<string>();
        await foreach (var existing in tables.QueryAsync(Table, period, cancellationToken))
        {
            if (!keep.Contains(existing.RowKey))
            {
                stale.Add(existing.RowKey);
            }
        }
        foreach (var rowKey in stale)
        {
            await tables.DeleteAsync(Table, period, rowKey, cancellationToken);
        }
    }

    /// <summary>Every row of one period, or of every period when <paramref name="period"/> is null.</summary>
    public async IAsyncEnumerable<IndicatorRow> ReadAsync(string? period, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in tables.QueryAsync(Table, period, cancellationToken))
        {
            // Partitions starting with '_' hold recompute bookkeeping (PeriodCommitGate), not indicators.
            if (!row.PartitionKey.StartsWith('_'))
            {
                yield return IndicatorRow.FromStored(row);
            }
        }
    }

    private static TableRow ToTableRow(IndicatorRow row) =>
        new(row.Period, $"{row.Indicator}|{row.ScopeType}|{row.Scope}", IndicatorRow.Schema.ToStored(row));
}
