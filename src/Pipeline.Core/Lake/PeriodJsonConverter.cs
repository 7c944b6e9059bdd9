using System.Text.Json.Serialization;

namespace Pipeline.Core.Lake;

/// <summary>A period in JSON is its <c>YYYY-MM</c> text, as everywhere else it is stored.</summary>
public sealed class PeriodJsonConverter : JsonConverter<Period>
{
    public override Period Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Period.TryParse(reader.GetString(), out var period)
            ? period
            : throw new JsonException($"'{reader.GetString()}' is not a YYYY-MM period");

    public override void Write(Utf8JsonWriter writer, Period value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
