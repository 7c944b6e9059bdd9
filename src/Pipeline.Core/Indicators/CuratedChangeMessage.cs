using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Core.Ingestion;
using Pipeline.Core.Lake;

namespace Pipeline.Core.Indicators;

/// <summary>
/// The <c>indicator-recompute</c> queue message: the camelCase JSON of a <see cref="CuratedChange"/>,
/// periods as <c>YYYY-MM</c> text: <c>{"partner":"a","dataset":"vacancies","periods":["2026-01"]}</c>.
/// </summary>
public static class CuratedChangeMessage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new PeriodText() } };

    public static string Write(CuratedChange change) => JsonSerializer.Serialize(change, Json);

    /// <exception cref="JsonException">The text is not such a message.</exception>
    public static CuratedChange Parse(string message) =>
        JsonSerializer.Deserialize<CuratedChange>(message, Json) is { Partner: not null, Dataset: not null, Periods: not null } change
            ? change
            : throw new JsonException("The message is not a curated change: it needs partner, dataset and periods");

    private sealed class PeriodText : JsonConverter<Period>
    {
        public override Period Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Period.TryParse(reader.GetString(), out var period) ? period : throw new JsonException($"'{reader.GetString()}' is not a YYYY-MM period");

        public override void Write(Utf8JsonWriter writer, Period value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }
}
