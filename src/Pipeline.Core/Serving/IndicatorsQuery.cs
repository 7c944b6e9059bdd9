using System.Runtime.CompilerServices;

namespace Pipeline.Core.Serving;

/// <summary>
/// Answers <c>GET /api/indicators</c>: validates the query, then streams the matching rows the
/// caller may see from the serving table in (period, indicator, scope type, scope) order as
/// JSON, CSV or XLSX.
/// </summary>
public sealed class IndicatorsQuery(IndicatorStore store, ServingAccess access)
{
    /// <summary>Longer ranges read the whole table once rather than a partition per month.</summary>
    private const int MaxMonthsReadOneByOne = 240;

    public ServingResponse Answer(Caller caller, QueryParameters parameters, string? accept)
    {
        var (query, errors) = IndicatorQuery.Parse(parameters, accept);
        var decision = access.Indicators(caller, query);
        if (decision.Refusal is { } refusal)
        {
            return refusal;
        }
        if (query is null)
        {
            return ServingResponse.BadRequest(errors);
        }
        return query.Format switch
        {
            ResponseFormat.Csv => Download(query, ServingResponse.CsvType, "csv",
                (output, cancellationToken) => RowCsv.WriteAsync(IndicatorRow.Schema, ReadAsync(query, decision, cancellationToken), output, cancellationToken)),
            ResponseFormat.Xlsx => Download(query, RowXlsx.ContentType, "xlsx",
                (output, cancellationToken) => RowXlsx.WriteAsync(IndicatorRow.Schema, "indicators", ReadAsync(query, decision, cancellationToken), output, cancellationToken)),
            _ => ServingResponse.Stream(ServingResponse.JsonType,
                (output, cancellationToken) => RowJson.WriteAsync(IndicatorRow.JsonSchema, ReadAsync(query, decision, cancellationToken), output, cancellationToken)),
        };
    }

    private static ServingResponse Download(IndicatorQuery query, string contentType, string extension, Func<Stream, CancellationToken, Task> write) =>
        ServingResponse.Stream(contentType, write,
            new Dictionary<string, string> { ["Content-Disposition"] = $"attachment; filename=\"{query.FileName(extension)}\"" });

    private async IAsyncEnumerable<IndicatorRow> ReadAsync(IndicatorQuery query, AccessDecision decision, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var periods = query.PeriodsToRead(MaxMonthsReadOneByOne);
        foreach (var period in periods?.Select(p => (string?)p.ToString()) ?? [null])
        {
            await foreach (var row in store.ReadAsync(period, cancellationToken))
            {
                if (query.Matches(row) && decision.MaySee(row))
                {
                    yield return row;
                }
            }
        }
    }
}
