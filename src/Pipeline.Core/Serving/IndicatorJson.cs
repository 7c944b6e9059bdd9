using System.Text.Json;
using Pipeline.Core.Indicators;

namespace Pipeline.Core.Serving;

/// <summary>
/// Writes indicator rows as a JSON array of objects with the spec's snake_case names; nulls
/// are kept, so every object has every field. Numbers are plain decimals, as in the CSV.
/// </summary>
public static class IndicatorJson
{
    private const int FlushAtBytes = 1 << 15;

    public static async Task WriteAsync(IAsyncEnumerable<IndicatorRow> rows, Stream output, CancellationToken cancellationToken)
    {
        await using var writer = new Utf8JsonWriter(output);
        writer.WriteStartArray();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            WriteRow(writer, row);
            if (writer.BytesPending > FlushAtBytes)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }
        writer.WriteEndArray();
        await writer.FlushAsync(cancellationToken);
    }

    private static void WriteRow(Utf8JsonWriter writer, IndicatorRow row)
    {
        writer.WriteStartObject();
        writer.WriteString("indicator", row.Indicator);
        writer.WriteString("period", row.Period);
        writer.WriteString("scope_type", row.ScopeType);
        writer.WriteString("scope", row.Scope);
        WriteNumber(writer, "value", row.Value);
        WriteNumber(writer, "numerator", row.Numerator);
        WriteNumber(writer, "denominator", row.Denominator);
        writer.WriteBoolean("suppressed", row.Suppressed);
        writer.WriteNumber("partners_reporting", row.PartnersReporting);
        writer.WriteString("computed_at", IndicatorCsv.Instant(row.ComputedAt));
        writer.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, double? value)
    {
        var text = IndicatorCsv.Number(value);
        if (text.Length == 0)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WritePropertyName(name);
            writer.WriteRawValue(text, skipInputValidation: true);
        }
    }
}
