namespace Pipeline.Core.Output;

/// <summary>
/// Writes rows as a JSON array of objects named by the schema; nulls are kept, so every object
/// has every field. Numbers are plain decimals and instants ISO 8601 UTC, as in the CSV.
/// </summary>
public static class RowJson
{
    private const int FlushAtBytes = 1 << 15;

    public static async Task WriteAsync<TRow>(RowSchema<TRow> schema, IAsyncEnumerable<TRow> rows, Stream output, CancellationToken cancellationToken)
    {
        await using var writer = new Utf8JsonWriter(output);
        writer.WriteStartArray();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            WriteObject(writer, schema, row);
            if (writer.BytesPending > FlushAtBytes)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }
        writer.WriteEndArray();
        await writer.FlushAsync(cancellationToken);
    }

    public static void WriteObject<TRow>(Utf8JsonWriter writer, RowSchema<TRow> schema, TRow row)
    {
        writer.WriteStartObject();
        foreach (var column in schema.Columns)
        {
            WriteCell(writer, column.Name, column.Type, column.Get(row));
        }
        writer.WriteEndObject();
    }

    private static void WriteCell(Utf8JsonWriter writer, string name, CellType type, object? value)
    {
        var shown = CellText.Shown(type, value);
        if (value is null || (type == CellType.Number && shown.Length == 0))
        {
            writer.WriteNull(name);
            return;
        }
        switch (type)
        {
            case CellType.Number or CellType.WholeNumber:
                writer.WritePropertyName(name);
                writer.WriteRawValue(shown, skipInputValidation: true);
                break;
            case CellType.Boolean:
                writer.WriteBoolean(name, (bool)value);
                break;
            case CellType.TextList:
                writer.WriteStartArray(name);
                foreach (var item in (IEnumerable<string>)value)
                {
                    writer.WriteStringValue(item);
                }
                writer.WriteEndArray();
                break;
            default:
                writer.WriteString(name, shown);
                break;
        }
    }
}
