namespace Pipeline.Core.Indicators;

/// <summary>
/// The contract between ingestion and the indicators in Azure: <c>QueueIngestionEvents</c> writes a
/// <see cref="CuratedChange"/> with <see cref="Write"/> onto <see cref="QueueName"/>, and
/// <c>ComputeIndicators</c> reads it back with <see cref="Parse"/>. camelCase JSON, periods as
/// <c>YYYY-MM</c> text (Period's own converter): <c>{"partner":"a","dataset":"vacancies","periods":["2026-01"]}</c>.
/// </summary>
public static class CuratedChangeMessage
{
    /// <summary>The storage queue of the lake's account that carries these messages.</summary>
    public const string QueueName = "indicator-recompute";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Write(CuratedChange change) => JsonSerializer.Serialize(change, Json);

    /// <exception cref="JsonException">The text is not such a message.</exception>
    public static CuratedChange Parse(string message) =>
        JsonSerializer.Deserialize<CuratedChange>(message, Json) is { Partner: not null, Dataset: not null, Periods: not null } change
            ? change
            : throw new JsonException("The message is not a curated change: it needs partner, dataset and periods");
}
