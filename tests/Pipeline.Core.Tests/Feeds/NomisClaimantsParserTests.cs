namespace Pipeline.Core.Tests.Feeds;

public class NomisClaimantsParserTests
{
    private static IReadOnlyList<ClaimantRecord> Parse(string csv) => FeedParsing.ParseText(NomisClaimantsParser.Parse, csv);

    [Fact]
    public void Parse_RealNomisFixtureWithDateNameOnly_ReadsEveryRowWithItsMonth()
    {
        var rows = FeedParsing.ParseFile(NomisClaimantsParser.Parse, FeedTestFiles.Real("nomis_NM_162_1_claimant_count_lsoa_select_cols_testfixture.csv"));

        Assert.Equal(12, rows.Count);
        var cityC = Assert.Single(rows, r => r.GeographyCode == "E01000003");
        Assert.Equal("2017-02", cityC.Period.ToString());
        Assert.Equal("City of London 001C", cityC.GeographyName);
        Assert.Equal(15, cityC.Claimants);
        var blaby = Assert.Single(rows, r => r.GeographyCode == "E01025613");
        Assert.Equal("2017-12", blaby.Period.ToString());
        Assert.Equal(130, rows.Sum(r => r.Claimants));
        Assert.All(rows, r => Assert.Equal(FeedParsing.FetchedAt, r.FetchedAt));
    }

    [Fact]
    public void Parse_SpecColumnsWithProportions_KeepsOnlyClaimantCountValues()
    {
        var rows = Parse("""
            DATE,DATE_NAME,GEOGRAPHY_NAME,GEOGRAPHY_CODE,MEASURE_NAME,MEASURES_NAME,OBS_VALUE,OBS_STATUS
            2026-01,January 2026,Plymouth,E06000026,Claimant count,Value,4210,A
            2026-01,January 2026,Plymouth,E06000026,Claimants as a proportion of residents aged 16-64,Percent,2.7,A
            2026-02,February 2026,Plymouth,E06000026,Claimant count,Value,4180,A
            """);

        Assert.Equal([("2026-01", 4210), ("2026-02", 4180)], rows.Select(r => (r.Period.ToString(), r.Claimants)));
    }

    [Fact]
    public void Parse_DateWinsOverDateName()
    {
        var row = Assert.Single(Parse("""
            DATE,DATE_NAME,GEOGRAPHY_NAME,GEOGRAPHY_CODE,MEASURES_NAME,OBS_VALUE
            2026-03,Quarter to March 2026,Torbay,E06000027,Value,2900
            """));
        Assert.Equal("2026-03", row.Period.ToString());
    }

    [Theory]
    [InlineData("DATE,GEOGRAPHY_NAME,OBS_VALUE\n2026-01,Plymouth,4\n", "GEOGRAPHY_CODE")]
    [InlineData("DATE,GEOGRAPHY_NAME,GEOGRAPHY_CODE,OBS_VALUE\n2026-01,Plymouth,E06000026,4\n2026-02,Plymouth,E06000026,lots\n", "line 3")]
    public void Parse_MissingGeographyCodeOrNonNumericValue_FailsNamingTheColumnOrLine(string csv, string named)
    {
        var error = Assert.Throws<FeedFormatException>(() => Parse(csv));
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void Parse_TwoCountsForOnePlaceAndMonth_Fails() =>
        Assert.Throws<FeedFormatException>(() => Parse("DATE,GEOGRAPHY_NAME,GEOGRAPHY_CODE,OBS_VALUE\n2026-01,Plymouth,E06000026,4\n2026-01,Plymouth,E06000026,5\n"));

    [Fact]
    public void Parse_HeaderOnly_GivesNoRows() =>
        Assert.Empty(Parse("DATE,GEOGRAPHY_NAME,GEOGRAPHY_CODE,OBS_VALUE\n"));
}
