namespace Pipeline.Core.Feeds;

/// <summary>
/// Reads an NHS Digital vacancy statistics CSV (region x staff group x quarter). Columns are found
/// by name with aliases, as for uploads. The vacancy rate is stored as a fraction: the column holds
/// percentages when its header says % or percent, when a value carries a % sign, or when any value
/// exceeds 1 (a vacancy rate above 100% is impossible, and published rates are single-digit percentages).
/// </summary>
public static class NhsVacancyStatisticsParser
{
    private static readonly string[] PeriodAliases = ["period", "quarter", "quarter end", "quarter ending", "date", "month", "reporting period", "period end"];
    private static readonly string[] RegionAliases = ["region", "region name", "nhs england region", "nhse region", "geography", "geography name"];
    private static readonly string[] StaffGroupAliases = ["staff group", "staff group name", "staff group description"];
    private static readonly string[] FteAliases = ["vacancies fte", "vacancy fte", "fte vacancies", "vacancies", "number of vacancies fte", "vacancies (fte)"];
    private static readonly string[] RateAliases = ["vacancy rate", "vacancy rate percent", "vacancy rate pct", "rate"];

    public static IReadOnlyList<NhsVacancyRecord> Parse(Stream content, string source, DateTime fetchedAt)
    {
        using var csv = new CsvTable(content, source);
        var period = csv.Require("period", PeriodAliases);
        var region = csv.Require("region", RegionAliases);
        var staffGroup = csv.Require("staff group", StaffGroupAliases);
        var fte = csv.Require("vacancies FTE", FteAliases);
        var rate = csv.Require("vacancy rate", RateAliases);
        var rateHeaderSaysPercent = csv.Headers[rate].Contains('%', StringComparison.Ordinal)
            || csv.Headers[rate].Contains("percent", StringComparison.OrdinalIgnoreCase);

        var records = new List<NhsVacancyRecord>();
        var seen = new HashSet<(Period, string, string)>();
        var valueSaysPercent = false;
        foreach (var (line, cells) in csv.Rows())
        {
            if (!FeedValues.TryParseQuarterEnd(cells[period], out var quarterEnd))
            {
                throw new FeedFormatException($"{source} line {line}: period '{cells[period]}' is not a quarter or month");
            }
            var record = new NhsVacancyRecord
            {
                Period = quarterEnd,
                Region = cells[region],
                StaffGroup = cells[staffGroup],
                VacanciesFte = Number(cells[fte], "vacancies FTE", source, line),
                VacancyRate = Number(cells[rate], "vacancy rate", source, line),
                FetchedAt = fetchedAt,
            };
            if (!seen.Add((record.Period, record.Region, record.StaffGroup)))
            {
                throw new FeedFormatException($"{source} line {line}: a second row for {record.Region}, {record.StaffGroup} in {record.Period}");
            }
            valueSaysPercent |= cells[rate].Contains('%', StringComparison.Ordinal) || record.VacancyRate > 1;
            records.Add(record);
        }
        if (rateHeaderSaysPercent || valueSaysPercent)
        {
            foreach (var record in records)
            {
                record.VacancyRate = record.VacancyRate is { } percent ? Math.Round(percent / 100, 6) : null;
            }
        }
        return records;
    }

    private static double? Number(string text, string column, string source, int line) =>
        FeedValues.TryParseNumber(text, out var value) && value is not < 0
            ? value
            : throw new FeedFormatException($"{source} line {line}: {column} '{text}' is not a number of 0 or more");
}
