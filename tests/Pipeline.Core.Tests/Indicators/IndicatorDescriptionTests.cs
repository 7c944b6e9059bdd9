namespace Pipeline.Core.Tests.Indicators;

/// <summary>Each indicator's plain-English label and kind come from its definition, once.</summary>
public sealed class IndicatorDescriptionTests
{
    [Fact]
    public void All_EveryIndicator_HasALabelAndAKindAndAUniqueName()
    {
        Assert.All(IndicatorDefinitions.All, d => Assert.False(string.IsNullOrWhiteSpace(d.Label), d.Name));
        Assert.Equal(IndicatorDefinitions.All.Count, IndicatorDefinitions.All.Select(d => d.Name).Distinct().Count());
    }

    [Theory]
    [InlineData("vacancy_rate", "Vacancy rate", IndicatorKind.Rate)]
    [InlineData("applications_per_advert", "Applications per advert", IndicatorKind.Ratio)]
    [InlineData("vacancies_fte", "Vacancies (FTE)", IndicatorKind.Number)]
    [InlineData("starters", "Starters", IndicatorKind.Count)]
    [InlineData("median_advertised_salary", "Median advertised salary", IndicatorKind.Money)]
    public void Describe_KnownIndicator_GivesItsLabelAndKind(string name, string label, IndicatorKind kind)
    {
        Assert.Equal(new IndicatorDescription(name, label, kind), IndicatorDefinitions.Describe(name));
    }

    [Fact]
    public void Describe_ReasonShare_IsARateLabelledWithTheReasonsName()
    {
        var reason = ReferenceData.Reasons.Codes.First();

        var description = IndicatorDefinitions.Describe(IndicatorDefinitions.ReasonSharePrefix + reason);

        Assert.Equal(IndicatorKind.Rate, description!.Kind);
        Assert.Equal("Reason for leaving: " + ReferenceData.Reasons.Get(reason).Name, description.Label);
    }

    [Fact]
    public async Task JsonSchema_Row_AddsLabelAndKindAfterTheSpecColumns()
    {
        var row = new IndicatorRow { Indicator = "vacancy_rate", Period = "2026-01", ScopeType = "partnership", Scope = "all", Value = 0.06, Numerator = 12, Denominator = 200, PartnersReporting = 3 };
        using var output = new MemoryStream();

        await RowJson.WriteAsync(IndicatorRow.JsonSchema, new[] { row }.ToAsyncEnumerable(), output, CancellationToken.None);

        var written = JsonDocument.Parse(output.ToArray()).RootElement[0];
        Assert.Equal([.. IndicatorRow.Schema.Names, "label", "kind"], written.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Vacancy rate", written.GetProperty("label").GetString());
        Assert.Equal("rate", written.GetProperty("kind").GetString());
    }
}
