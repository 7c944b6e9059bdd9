using System.Text.RegularExpressions;

namespace Pipeline.Core.Feeds;

/// <summary>How the feeds write months, numbers and column names, read leniently.</summary>
public static partial class FeedValues
{
    private static readonly string[] MonthFormats =
        ["yyyy-MM", "yyyy-MM-dd", "yyyyMM", "MMM-yy", "MMM yy", "MMM-yyyy", "MMM yyyy", "MMMM yyyy", "MMMM-yyyy", "dd/MM/yyyy", "d/M/yyyy"];

    /// <summary>Texts the publishers use for a value that is not available or suppressed.</summary>
    private static readonly HashSet<string> NotAvailable = ["", "-", "*", "..", "x", "[x]", "[c]", "[z]", "n/a", "na"];

    /// <summary>A month as Nomis and NHS Digital write it: <c>2026-01</c>, <c>January 2026</c>, <c>Jan-26</c>, <c>31/01/2026</c>, ...</summary>
    public static bool TryParseMonth(string? text, out Period period)
    {
        period = default;
        if (string.IsNullOrWhiteSpace(text)
            || !DateTime.TryParseExact(text.Trim(), MonthFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return false;
        }
        period = new Period(date.Year, date.Month);
        return true;
    }

    /// <summary>
    /// A quarter's end month: a month (see <see cref="TryParseMonth"/>) or an NHS financial-year quarter
    /// such as <c>Q1 2025/26</c> or <c>2025-26 Q3</c> (Q1 = April to June, so it ends in June 2025).
    /// </summary>
    public static bool TryParseQuarterEnd(string? text, out Period period)
    {
        if (TryParseMonth(text, out period))
        {
            return true;
        }
        var match = FinancialQuarter().Match(text?.Trim() ?? "");
        if (!match.Success)
        {
            return false;
        }
        var quarter = int.Parse(match.Groups["q"].Success ? match.Groups["q"].Value : match.Groups["q2"].Value, CultureInfo.InvariantCulture);
        var startYear = int.Parse(match.Groups["y"].Success ? match.Groups["y"].Value : match.Groups["y2"].Value, CultureInfo.InvariantCulture);
        period = new Period(startYear, 6).AddMonths(3 * (quarter - 1));
        return true;
    }

    /// <summary>A number, thousands separators allowed; null for the publishers' "not available" marks.</summary>
    public static bool TryParseNumber(string text, out double? value)
    {
        value = null;
        var trimmed = text.Trim().TrimEnd('%').Trim();
        if (NotAvailable.Contains(trimmed.ToLowerInvariant()))
        {
            return true;
        }
        if (double.TryParse(trimmed, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var number)
            && double.IsFinite(number))
        {
            value = number;
            return true;
        }
        return false;
    }

    /// <summary>A column name as matched: lower case letters and digits only (<c>Vacancy rate (%)</c> is <c>vacancyrate</c>).</summary>
    public static string ColumnKey(string name) =>
        string.Concat(name.Where(char.IsLetterOrDigit)).ToLowerInvariant();

    [GeneratedRegex(@"^(?:Q(?<q>[1-4])\s*(?<y>\d{4})\s*[/-]\s*\d{2,4}|(?<y2>\d{4})\s*[/-]\s*\d{2,4}\s*Q(?<q2>[1-4]))$", RegexOptions.IgnoreCase)]
    private static partial Regex FinancialQuarter();
}
