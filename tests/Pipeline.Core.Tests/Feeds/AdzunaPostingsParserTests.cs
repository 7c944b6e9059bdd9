namespace Pipeline.Core.Tests.Feeds;

public class AdzunaPostingsParserTests
{
    private static IReadOnlyList<PostingRecord> Parse(string json) => FeedParsing.ParseText(AdzunaPostingsParser.Parse, json);

    [Fact]
    public void Parse_RealAdzunaResponse_MapsEveryResult()
    {
        var rows = FeedParsing.ParseFile(AdzunaPostingsParser.Parse, FeedTestFiles.Real("adzuna_search_response_gb_real_first6.json"));

        Assert.Equal(6, rows.Count);
        var analyst = Assert.Single(rows, r => r.PostingId == "3872420872");
        Assert.Equal("Campaign Analyst", analyst.Title);
        Assert.Equal(new DateOnly(2023, 1, 24), analyst.PostedDate);
        Assert.Equal("2023-01", analyst.Period.ToString());
        Assert.Equal("Fulham, South West London", analyst.Location);
        Assert.Equal(30000, analyst.SalaryMin);
        Assert.Equal(34000, analyst.SalaryMax);
        Assert.Equal("Adzuna", analyst.Employer);
        Assert.Equal(3, rows.Count(r => r.Title == "Driving Instructor"));
        Assert.All(rows, r => Assert.Null(r.Role));
    }

    [Theory]
    [InlineData("Senior Carer", "senior_care_worker")]
    [InlineData("Band 5 Staff Nurse", "registered_nurse")]
    [InlineData("Domiciliary Care Worker", "home_care_worker")]
    [InlineData("Registered Mental Health Nurse (RMN)", "mental_health_nurse")]
    [InlineData("Home Carer - Driver Essential", "home_care_worker")]
    [InlineData("Speech and Language Therapist", null)]
    public void Parse_Title_ClassifiedByTheLongestRoleAlias(string title, string? role)
    {
        var row = Assert.Single(Parse($$"""{"results":[{"id":"1","title":"{{title}}","created":"2026-02-03T10:00:00Z"}]}"""));
        Assert.Equal(role, row.Role);
    }

    [Fact]
    public void Parse_CreatedLateInTheEvening_UsesTheUtcDate()
    {
        var row = Assert.Single(Parse("""{"results":[{"id":7,"title":"Carer","created":"2026-03-31T23:30:00-02:00"}]}"""));
        Assert.Equal(new DateOnly(2026, 4, 1), row.PostedDate);
        Assert.Equal("7", row.PostingId);
    }

    [Fact]
    public void Parse_SameIdTwiceOnAPage_KeepsOne() =>
        Assert.Single(Parse("""{"results":[{"id":"9","title":"Carer","created":"2026-02-03T10:00:00Z"},{"id":"9","title":"Carer","created":"2026-02-03T10:00:00Z"}]}"""));

    [Theory]
    [InlineData("""{"count":3}""", "no results array")]
    [InlineData("""{"results":[{"title":"Carer","created":"2026-02-03T10:00:00Z"}]}""", "no id")]
    [InlineData("""{"results":[{"id":"1","title":"Carer","created":"yesterday"}]}""", "not a date")]
    [InlineData("""{"results":[{"id":"1","title":"Carer","created":"2026-02-03T10:00:00Z","salary_min":"lots"}]}""", "salary_min")]
    [InlineData("""<html>Service unavailable</html>""", "not valid JSON")]
    public void Parse_Malformed_FailsWithACause(string json, string cause)
    {
        var error = Assert.Throws<FeedFormatException>(() => Parse(json));
        Assert.Contains(cause, error.Message);
    }

    [Fact]
    public void Parse_EmptyResults_GivesNoRows() => Assert.Empty(Parse("""{"results":[]}"""));
}
