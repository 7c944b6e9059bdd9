using System.Globalization;
using Pipeline.Core.Storage;

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
                yield return FromTableRow(row);
            }
        }
    }

    private static TableRow ToTableRow(IndicatorRow row) => new(
        row.Period,
        $"{row.Indicator}|{row.ScopeType}|{row.Scope}",
        new Dictionary<string, string?>
        {
            ["indicator"] = row.Indicator,
            ["scope_type"] = row.ScopeType,
            ["scope"] = row.Scope,
            ["value"] = Format(row.Value),
            ["numerator"] = Format(row.Numerator),
            ["denominator"] = Format(row.Denominator),
            ["suppressed"] = row.Suppressed ? "true" : "false",
            ["partners_reporting"] = row.PartnersReporting.ToString(CultureInfo.InvariantCulture),
            ["computed_at"] = row.ComputedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        });

    private static IndicatorRow FromTableRow(TableRow row) => new()
    {
        Period = row.PartitionKey,
        Indicator = row["indicator"] ?? "",
        ScopeType = row["scope_type"] ?? "",
        Scope = row["scope"] ?? "",
        Value = Parse(row["value"]),
        Numerator = Parse(row["numerator"]),
        Denominator = Parse(row["denominator"]),
        Suppressed = row["suppressed"] == "true",
        PartnersReporting = int.Parse(row["partners_reporting"] ?? "0", CultureInfo.InvariantCulture),
        ComputedAt = DateTime.Parse(row["computed_at"] ?? "", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
    };

    /// <summary>Round-trip format, so a value read back equals the value computed.</summary>
    private static string? Format(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    private static double? Parse(string? text) =>
        string.IsNullOrEmpty(text) ? null : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
