using System.Text.Json.Serialization;

namespace Pipeline.Core.Lake;

/// <summary>A calendar month, written <c>YYYY-MM</c> everywhere it is stored or shown.</summary>
[JsonConverter(typeof(PeriodJsonConverter))]
public readonly record struct Period(int Year, int Month) : IComparable<Period>
{
    public static Period Of(DateOnly date) => new(date.Year, date.Month);

    public static Period Of(DateTimeOffset instant) => new(instant.UtcDateTime.Year, instant.UtcDateTime.Month);

    public static Period Parse(string text) =>
        TryParse(text, out var period) ? period : throw new FormatException($"'{text}' is not a YYYY-MM period");

    /// <summary>Strict <c>YYYY-MM</c>; the lenient forms partners type are read by the upload parsers.</summary>
    public static bool TryParse(string? text, out Period period)
    {
        period = default;
        if (text is not { Length: 7 } || text[4] != '-'
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || month is < 1 or > 12)
        {
            return false;
        }
        period = new Period(year, month);
        return true;
    }

    public Period AddMonths(int months)
    {
        var index = Year * 12 + (Month - 1) + months;
        return new Period(index / 12, index % 12 + 1);
    }

    /// <summary>Months from <paramref name="other"/> to this period (positive when this one is later).</summary>
    public int MonthsSince(Period other) => (Year * 12 + Month) - (other.Year * 12 + other.Month);

    public DateOnly FirstDay => new(Year, Month, 1);

    public int CompareTo(Period other) => (Year * 12 + Month).CompareTo(other.Year * 12 + other.Month);

    public static bool operator <(Period left, Period right) => left.CompareTo(right) < 0;
    public static bool operator >(Period left, Period right) => left.CompareTo(right) > 0;
    public static bool operator <=(Period left, Period right) => left.CompareTo(right) <= 0;
    public static bool operator >=(Period left, Period right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");
}
