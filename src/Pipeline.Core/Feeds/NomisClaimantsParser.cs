namespace Pipeline.Core.Feeds;

/// <summary>
/// Reads a Nomis API CSV of the claimant count (NM_162_1 and its kin). Keeps the rows whose
/// MEASURE_NAME is "Claimant count" and MEASURES_NAME "Value" (a request may mix in proportions);
/// the period comes from DATE (<c>YYYY-MM</c>) or, when a selection left DATE out, from DATE_NAME.
/// </summary>
public static class NomisClaimantsParser
{
    public static IReadOnlyList<ClaimantRecord> Parse(Stream content, string source, DateTime fetchedAt)
    {
        using var csv = new CsvTable(content, source);
        var date = csv.Find("DATE");
        var dateName = csv.Find("DATE_NAME");
        if (date < 0 && dateName < 0)
        {
            throw new FeedFormatException($"{source} has neither a DATE nor a DATE_NAME column (columns found: {string.Join(", ", csv.Headers)})");
        }
        var code = csv.Require("GEOGRAPHY_CODE");
        var name = csv.Require("GEOGRAPHY_NAME");
        var value = csv.Require("OBS_VALUE");
        var measure = csv.Find("MEASURE_NAME");
        var measures = csv.Find("MEASURES_NAME");

        var rows = new Dictionary<(Period, string), ClaimantRecord>();
        foreach (var (line, cells) in csv.Rows())
        {
            if (!Is(cells, measure, "Claimant count") || !Is(cells, measures, "Value"))
            {
                continue;
            }
            var period = PeriodOf(cells, date, dateName, source, line);
            var claimants = cells[value];
            if (string.IsNullOrWhiteSpace(claimants))
            {
                continue;
            }
            if (!int.TryParse(claimants, NumberStyles.Integer | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var count) || count < 0)
            {
                throw new FeedFormatException($"{source} line {line}: OBS_VALUE '{claimants}' is not a count");
            }
            var record = new ClaimantRecord
            {
                Period = period,
                GeographyCode = cells[code],
                GeographyName = cells[name],
                Claimants = count,
                FetchedAt = fetchedAt,
            };
            if (!rows.TryAdd((period, record.GeographyCode), record))
            {
                throw new FeedFormatException(
                    $"{source} line {line}: a second claimant count for {record.GeographyCode} in {period}; ask Nomis for one gender and age band only");
            }
        }
        return rows.Values.ToList();
    }

    private static bool Is(string[] cells, int column, string expected) =>
        column < 0 || string.Equals(cells[column], expected, StringComparison.OrdinalIgnoreCase);

    private static Period PeriodOf(string[] cells, int date, int dateName, string source, int line)
    {
        if (date >= 0 && Period.TryParse(cells[date], out var period))
        {
            return period;
        }
        if (dateName >= 0 && FeedValues.TryParseMonth(cells[dateName], out period))
        {
            return period;
        }
        var shown = date >= 0 ? $"DATE '{cells[date]}'" : $"DATE_NAME '{cells[dateName]}'";
        throw new FeedFormatException($"{source} line {line}: {shown} is not a month");
    }
}
