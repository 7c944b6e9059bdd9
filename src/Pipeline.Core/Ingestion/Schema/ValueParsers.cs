namespace Pipeline.Core.Ingestion.Schema;

/// <summary>
/// The forms partners type values in (SPEC "Precise rules > Uploads"): numbers with thousands
/// separators, ISO and UK dates, Excel serial dates, and the many spellings of a month.
/// </summary>
public static class ValueParsers
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy", "dd/MM/yy", "d/M/yy", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss", "dd/MM/yyyy HH:mm", "dd/MM/yyyy HH:mm:ss", "dd-MM-yyyy", "dd.MM.yyyy"];
    private static readonly string[] MonthFormats = ["MMM-yy", "MMM yy", "MMM-yyyy", "MMM yyyy", "MMMM yyyy", "MMMM-yyyy", "MMMM yy", "MMMM-yy", "yyyy-MM", "yyyyMM", "MM/yyyy", "M/yyyy"];
    private static readonly DateOnly ExcelEpoch = new(1899, 12, 30);

    /// <summary>A decimal number; thousands separators allowed ("1,234.5").</summary>
    public static bool TryParseDecimal(ReadOnlySpan<char> text, out decimal value) =>
        TryParsePlainDecimal(text, out value) || decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowExponent, Invariant, out value);

    /// <summary>
    /// Digits with at most one point between them ("12", "0.75"), the form of nearly every
    /// cell, read without the general parser: the same value and scale it would give.
    /// </summary>
    private static bool TryParsePlainDecimal(ReadOnlySpan<char> text, out decimal value)
    {
        value = 0;
        if (text.Length is 0 or > 18)
        {
            return false;
        }
        ulong mantissa = 0;
        var scale = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                mantissa = mantissa * 10 + (ulong)(c - '0');
                scale += scale >= 0 ? 1 : 0;
            }
            else if (c == '.' && scale < 0 && i > 0 && i < text.Length - 1)
            {
                scale = 0;
            }
            else
            {
                return false;
            }
        }
        value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, isNegative: false, (byte)Math.Max(scale, 0));
        return true;
    }

    /// <summary>A whole number; "12.0" (as spreadsheets write it) is 12, "12.5" is not whole.</summary>
    public static bool TryParseWhole(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        if (!TryParseDecimal(text, out var number) || number != decimal.Truncate(number) || Math.Abs(number) > long.MaxValue)
        {
            return false;
        }
        value = (long)number;
        return true;
    }

    /// <summary>ISO or UK (day first) date, an ISO timestamp, or an Excel serial day number.</summary>
    public static bool TryParseDate(ReadOnlySpan<char> text, out DateOnly date)
    {
        if (DateOnly.TryParseExact(text, DateFormats, Invariant, DateTimeStyles.AllowWhiteSpaces, out date))
        {
            return true;
        }
        if (DateTime.TryParseExact(text, DateFormats, Invariant, DateTimeStyles.AllowWhiteSpaces, out var timestamp))
        {
            date = DateOnly.FromDateTime(timestamp);
            return true;
        }
        return TryParseExcelSerial(text, out date);
    }

    /// <summary>
    /// A reporting month: 2026-10, 202610, Oct-26, Oct 2026, October 2026, a date in the
    /// month, or an Excel date cell. Two-digit years are 20yy.
    /// </summary>
    public static bool TryParsePeriod(ReadOnlySpan<char> text, out Period period)
    {
        period = default;
        var trimmed = text.Trim();
        if (DateTime.TryParseExact(trimmed, MonthFormats, Invariant, DateTimeStyles.None, out var month))
        {
            period = new Period(TwoDigitYearIn2000s(trimmed, month.Year), month.Month);
            return true;
        }
        if (TryParseDate(trimmed, out var date))
        {
            period = Period.Of(date);
            return true;
        }
        return false;
    }

    /// <summary>yes, no, y, n, true, false, 1, 0 in any case; anything else is not a yes/no.</summary>
    public static bool TryParseYesNo(ReadOnlySpan<char> text, out bool value)
    {
        value = false;
        var trimmed = text.Trim();
        Span<char> word = stackalloc char[5];
        if (trimmed.Length > word.Length)
        {
            return false;
        }
        word = word[..trimmed.ToLowerInvariant(word)];
        switch (word)
        {
            case "yes" or "y" or "true" or "1":
                value = true;
                return true;
            case "no" or "n" or "false" or "0":
                return true;
            default:
                return false;
        }
    }

    /// <summary>Excel stores dates as days since 1899-12-30; accept the range of plausible dates only.</summary>
    private static bool TryParseExcelSerial(ReadOnlySpan<char> text, out DateOnly date)
    {
        date = default;
        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, Invariant, out var serial) || serial < 1 || serial > 2_958_465)
        {
            return false;
        }
        date = ExcelEpoch.AddDays((int)Math.Floor(serial));
        return true;
    }

    /// <summary>.NET reads "Oct-26" with a sliding century window; the spec says 20yy.</summary>
    private static int TwoDigitYearIn2000s(ReadOnlySpan<char> text, int parsedYear)
    {
        var lastNonDigit = text.LastIndexOfAnyExceptInRange('0', '9');
        var digits = text.Length - 1 - lastNonDigit;
        return digits == 2 ? 2000 + parsedYear % 100 : parsedYear;
    }
}
