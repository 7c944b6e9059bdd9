namespace Pipeline.Core.Output;

/// <summary>
/// How a cell of each <see cref="CellType"/> is written as text: once for storage (exact, read
/// back by the pipeline) and once for people and their tools (CSV, JSON, XLSX, the runner).
/// </summary>
public static class CellText
{
    public const char ListSeparator = ',';

    /// <summary>The table store's form: round-trip precision, so a value read back equals the value written; null stays null.</summary>
    public static string? Stored(CellType type, object? value) => value switch
    {
        null => null,
        _ => type switch
        {
            CellType.Number => ((double)value).ToString("R", CultureInfo.InvariantCulture),
            CellType.Instant => AsUtc(value).ToString("O", CultureInfo.InvariantCulture),
            _ => Shown(type, value),
        },
    };

    /// <summary>The published form (SPEC "Success indicators"): plain decimals, true/false, ISO 8601 UTC; empty for null.</summary>
    public static string Shown(CellType type, object? value) => value switch
    {
        null => "",
        _ => type switch
        {
            CellType.Number => Number((double)value),
            CellType.WholeNumber => ((int)value).ToString(CultureInfo.InvariantCulture),
            CellType.Boolean => (bool)value ? "true" : "false",
            CellType.Instant => Instant(AsUtc(value)),
            CellType.TextList => string.Join(ListSeparator, (IEnumerable<string>)value),
            _ => (string)value,
        },
    };

    /// <summary>A plain decimal, never an exponent (1E-05 would read as text in some tools); empty for null, NaN and infinities.</summary>
    public static string Number(double? value)
    {
        if (value is not { } number || double.IsNaN(number) || double.IsInfinity(number))
        {
            return "";
        }
        return Math.Abs(number) < 7.9e27
            ? ((decimal)number).ToString(CultureInfo.InvariantCulture)
            : number.ToString("F0", CultureInfo.InvariantCulture);
    }

    /// <summary>ISO 8601 in UTC with the Z suffix, to the second's fraction stored.</summary>
    public static string Instant(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture);

    /// <summary>A local <see cref="DateTime"/> is converted; any other is taken as UTC.</summary>
    private static DateTimeOffset AsUtc(object value) => value switch
    {
        DateTimeOffset offset => offset.ToUniversalTime(),
        DateTime { Kind: DateTimeKind.Local } local => new DateTimeOffset(local.ToUniversalTime(), TimeSpan.Zero),
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc), TimeSpan.Zero),
        _ => throw new ArgumentException($"{value.GetType().Name} is not an instant.", nameof(value)),
    };
}
