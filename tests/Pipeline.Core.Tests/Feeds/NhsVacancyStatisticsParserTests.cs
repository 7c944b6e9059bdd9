namespace Pipeline.Core.Tests.Feeds;

public class NhsVacancyStatisticsParserTests
{
    private static IReadOnlyList<NhsVacancyRecord> Parse(string csv) => FeedParsing.ParseText(NhsVacancyStatisticsParser.Parse, csv);

    [Fact]
    public void Parse_PercentagesAboveOne_AreStoredAsFractions()
    {
        var rows = Parse("""
            Period,NHS England Region,Staff Group,Vacancy FTE,Vacancy Rate
            Q1 2025/26,London,Registered nurses,"5,993",8.3
            Q1 2025/26,London,Medical,"1,020",0.9
            """);

        Assert.Equal("2025-06", rows[0].Period.ToString());
        Assert.Equal("London", rows[0].Region);
        Assert.Equal("Registered nurses", rows[0].StaffGroup);
        Assert.Equal(5993, rows[0].VacanciesFte);
        Assert.Equal(0.083, rows[0].VacancyRate);
        Assert.Equal(0.009, rows[1].VacancyRate);
    }

    [Fact]
    public void Parse_HeaderWithPercentSign_MeansPercentagesEvenWhenSmall()
    {
        var row = Assert.Single(Parse("quarter_end,region,staff_group,vacancies_fte,Vacancy rate (%)\n2025-09,South West,Medical,120,0.8\n"));
        Assert.Equal(0.008, row.VacancyRate);
        Assert.Equal("2025-09", row.Period.ToString());
    }

    [Fact]
    public void Parse_ValueWithPercentSign_MeansPercentages()
    {
        var row = Assert.Single(Parse("period;region;staff group;vacancies;vacancy rate\n2025-12;Midlands;Medical;300;0.5%\n"));
        Assert.Equal(0.005, row.VacancyRate);
    }

    [Fact]
    public void Parse_FractionsAtOrBelowOne_AreKept()
    {
        var rows = Parse("period,region,staff group,vacancies fte,vacancy rate\n2025-12,England,All staff groups,105990,0.076\n2025-12,London,All staff groups,20000,0.091\n");
        Assert.Equal([0.076, 0.091], rows.Select(r => r.VacancyRate));
    }

    [Fact]
    public void Parse_SuppressedValues_AreNull()
    {
        var row = Assert.Single(Parse("period,region,staff group,vacancies fte,vacancy rate\n2025-12,England,Medical,*,*\n"));
        Assert.Null(row.VacanciesFte);
        Assert.Null(row.VacancyRate);
    }

    [Fact]
    public void Parse_BundledSample_ReadsEveryRow()
    {
        var sample = FeedTestFiles.Sample("nhs-vacancy-statistics.csv");
        var lines = File.ReadAllLines(sample).Skip(1).Count(line => line.Length > 0);

        var rows = FeedParsing.ParseFile(NhsVacancyStatisticsParser.Parse, sample);

        Assert.Equal(lines, rows.Count);
        Assert.All(rows, r => Assert.InRange(r.VacancyRate!.Value, 0.0, 0.3));
        Assert.Equal(["2025-06", "2025-09", "2025-12", "2026-03", "2026-06", "2026-09"], rows.Select(r => r.Period.ToString()).Distinct());
    }

    [Fact]
    public void Parse_MissingRateColumn_FailsNamingIt()
    {
        var error = Assert.Throws<FeedFormatException>(() => Parse("period,region,staff group,vacancies fte\n2025-12,England,Medical,3\n"));
        Assert.Contains("vacancy rate", error.Message);
    }

    [Fact]
    public void Parse_UnreadablePeriod_Fails() =>
        Assert.Throws<FeedFormatException>(() => Parse("period,region,staff group,vacancies fte,vacancy rate\nsoon,England,Medical,3,4\n"));
}
