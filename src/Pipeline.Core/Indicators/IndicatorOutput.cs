using System.Runtime.CompilerServices;

namespace Pipeline.Core.Indicators;

/// <summary>
/// The two outputs of a period's indicators: <c>indicators/period=YYYY-MM/indicators.parquet</c>
/// for BI tools (replaced whole) and the serving table the API reads.
/// </summary>
public sealed class IndicatorOutput(IObjectStore objects, IndicatorStore store)
{
    /// <summary>Replaces the period's file and serving rows; a period left with no rows loses both.</summary>
    public async Task WriteAsync(Period period, IReadOnlyCollection<IndicatorRow> rows, CancellationToken cancellationToken)
    {
        var path = LakePaths.IndicatorsFile(period.ToString());
        if (rows.Count == 0)
        {
            await objects.DeleteAsync(path, cancellationToken);
        }
        else
        {
            await using var buffer = new MemoryStream();
            await ParquetFiles.WriteRowGroupAsync(rows, buffer, append: false, cancellationToken);
            buffer.Position = 0;
            await objects.WriteAsync(path, buffer, cancellationToken);
        }
        await store.ReplacePeriodAsync(period.ToString(), rows, cancellationToken);
    }

    /// <summary>The periods that have an indicators file.</summary>
    public async Task<IReadOnlyList<Period>> ListPeriodsAsync(CancellationToken cancellationToken)
    {
        var periods = new List<Period>();
        await foreach (var info in objects.ListAsync(LakePaths.Indicators + "/", cancellationToken))
        {
            var folder = info.Path.Split('/')[1];
            if (folder.StartsWith("period=", StringComparison.Ordinal) && Period.TryParse(folder["period=".Length..], out var period)
                && info.Path == LakePaths.IndicatorsFile(period.ToString()))
            {
                periods.Add(period);
            }
        }
        return periods;
    }

    /// <summary>The rows of a period's indicators file; none when it has no file.</summary>
    public async IAsyncEnumerable<IndicatorRow> ReadAsync(Period period, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var path = LakePaths.IndicatorsFile(period.ToString());
        if (await objects.GetInfoAsync(path, cancellationToken) is null)
        {
            yield break;
        }
        await using var stream = await objects.OpenReadAsync(path, cancellationToken);
        await using var seekable = new MemoryStream();
        await stream.CopyToAsync(seekable, cancellationToken);
        seekable.Position = 0;
        await foreach (var row in ParquetFiles.ReadAsync<IndicatorRow>(seekable, cancellationToken))
        {
            yield return row;
        }
    }
}
