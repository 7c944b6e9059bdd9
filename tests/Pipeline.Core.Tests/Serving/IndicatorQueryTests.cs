namespace Pipeline.Core.Tests.Serving;

public sealed class IndicatorQueryTests
{
    private static QueryParameters Query(params (string Name, string Value)[] pairs) =>
        new(pairs.Select(p => KeyValuePair.Create(p.Name, p.Value)));

    [Fact]
    public void Parse_AllFilters_ReturnsThem()
    {
        var (query, errors) = IndicatorQuery.Parse(
            Query(("from", "2025-02"), ("to", "2026-01"), ("indicator", "vacancy_rate"), ("scope_type", "role"), ("scope", "care_worker"), ("format", "CSV")), null);

        Assert.Empty(errors);
        Assert.Equal(new Period(2025, 2), query!.From);
        Assert.Equal(new Period(2026, 1), query.To);
        Assert.Equal("vacancy_rate", query.Indicator);
        Assert.Equal("role", query.ScopeType);
        Assert.Equal("care_worker", query.Scope);
        Assert.Equal(ResponseFormat.Csv, query.Format);
    }

    [Fact]
    public void Parse_SeveralMistakes_ReportsEveryOne()
    {
        var (query, errors) = IndicatorQuery.Parse(Query(("period", "2026-00"), ("scope_type", "team"), ("colour", "red")), null);

        Assert.Null(query);
        Assert.Equal(3, errors.Count);
    }

    [Fact]
    public void Parse_ParameterGivenTwice_IsAnError()
    {
        var (_, errors) = IndicatorQuery.Parse(Query(("period", "2026-01"), ("period", "2026-02")), null);

        Assert.Equal(["period is given 2 times: give it once."], errors);
    }

    [Fact]
    public void Parse_FormatGiven_WinsOverAcceptHeader()
    {
        var (query, _) = IndicatorQuery.Parse(Query(("format", "json")), "text/csv");

        Assert.Equal(ResponseFormat.Json, query!.Format);
    }

    [Fact]
    public void PeriodsToRead_ClosedRange_ListsEveryMonth()
    {
        var (query, _) = IndicatorQuery.Parse(Query(("from", "2025-11"), ("to", "2026-02")), null);

        Assert.Equal(["2025-11", "2025-12", "2026-01", "2026-02"], query!.PeriodsToRead(240)!.Select(p => p.ToString()));
    }

    [Fact]
    public void PeriodsToRead_OpenRange_ReadsTheWholeTable()
    {
        var (query, _) = IndicatorQuery.Parse(Query(("from", "2025-11")), null);

        Assert.Null(query!.PeriodsToRead(240));
        Assert.True(query.Matches(new IndicatorRow { Period = "2026-03" }));
        Assert.False(query.Matches(new IndicatorRow { Period = "2025-10" }));
    }
}
