using static Pipeline.Testing.Rows;

namespace Pipeline.Core.Tests.Indicators;

public sealed class TurnoverAndCoverageTests() : LakeTests(TestLake.ForIndicators())
{
    private const string March = "2026-03";

    /// <summary>
    /// Partner a's care workers at two sites, headcount 40 + 10 = 50 a month (46 + 10 = 56 in March),
    /// one leaver a month at site A and 3 more at site B in January, for the months from <paramref name="first"/>
    /// to March 2026. A row in March 2025, outside March's window, has 100 leavers that must not count.
    /// </summary>
    private async Task WriteCareWorkersAsync(string first)
    {
        await Lake.AddPartnerAsync("pa", "care_provider");
        await Lake.WriteVacanciesAsync("pa", "2025-03", Vacancy("care_worker", 40, 1, headcount: 40, leavers: 100, site: "A"));
        for (var month = Period.Parse(first); month <= Period.Parse(March); month = month.AddMonths(1))
        {
            var march = month == Period.Parse(March);
            await Lake.WriteVacanciesAsync("pa", month.ToString(),
                Vacancy("care_worker", 40, 1, headcount: march ? 46 : 40, leavers: 1, site: "A"),
                Vacancy("care_worker", 10, 1, headcount: 10, leavers: month == Period.Parse("2026-01") ? 3 : 0, site: "B"));
        }
    }

    [Fact]
    public async Task TurnoverRate12m_UnitWithSixMonths_AnnualisedLeaversOverMeanHeadcount()
    {
        await WriteCareWorkersAsync("2025-10");
        await Lake.WriteVacanciesAsync("pa", March,
            Vacancy("care_worker", 40, 1, headcount: 46, leavers: 1, site: "A"),
            Vacancy("care_worker", 10, 1, headcount: 10, site: "B"),
            Vacancy("registered_nurse", 5, 1, headcount: 5, leavers: 1));

        var rows = await Lake.ComputeAsync(March);

        // m_u = 6 (Oct..Mar); leavers 6 x 1 + 3 = 9, annualised 12 / 6 x 9 = 18;
        // mean headcount (5 x 50 + 56) / 6 = 51. The nurses have one month: no unit, so no row for their role.
        foreach (var (scopeType, scope) in new[] { ("partnership", "all"), ("partner", "pa"), ("sector", "care_provider"), ("role", "care_worker") })
        {
            var row = rows.Get("turnover_rate_12m", scopeType, scope);
            Assert.Equal(18, row.Numerator!.Value, 9);
            Assert.Equal(51, row.Denominator!.Value, 9);
            Assert.Equal(18.0 / 51, row.Value!.Value, 12);
            Assert.Equal(1, row.PartnersReporting);
        }
        Assert.Null(rows.Find("turnover_rate_12m", "role", "registered_nurse"));
    }

    [Fact]
    public async Task TurnoverRate12m_UnitWithFiveMonthsInWindow_NoRow()
    {
        // Nov..Mar is 5 months; the March 2025 row is outside the window [2025-04, 2026-03].
        await WriteCareWorkersAsync("2025-11");

        var rows = await Lake.ComputeAsync(March);

        Assert.NotNull(rows.Find("vacancy_rate", "partnership", "all"));
        Assert.Null(rows.Find("turnover_rate_12m", "partnership", "all"));
    }

    [Fact]
    public async Task TurnoverRate12m_MonthWithoutVacancyRows_NoRowEvenWhenUnitsQualify()
    {
        await WriteCareWorkersAsync("2025-10");

        var rows = await Lake.ComputeAsync("2026-04");

        Assert.Null(rows.Find("turnover_rate_12m", "partnership", "all"));
    }

    [Fact]
    public async Task SubmissionCoverage_PartialReturns_ActiveWithReturnOverActivePartners()
    {
        await Lake.AddPartnerAsync("pa", "nhs_trust");
        await Lake.AddPartnerAsync("pb", "care_provider");
        await Lake.AddPartnerAsync("pc", "voluntary");
        await Lake.AddPartnerAsync("pd", "local_authority", active: false);
        await Lake.WriteVacanciesAsync("pa", "2026-01", Vacancy("care_worker", 1, 0));
        await Lake.WriteVacanciesAsync("pd", "2026-02", Vacancy("care_worker", 1, 0));
        await Lake.WriteVacanciesAsync("pa", March, Vacancy("care_worker", 1, 0));
        await Lake.WriteVacanciesAsync("pb", March, Vacancy("care_worker", 1, 0));
        await Lake.WriteExitsAsync("pa", "2026-04", Exit("care_worker", "2026-04"));

        // Active partners a, b, c. January: a of 3. February: only inactive d returned, 0 of 3. March: a and b, 2 of 3.
        Assert.Equal((1, 3), Coverage(await Lake.ComputeAsync("2026-01")));
        Assert.Equal((0, 3), Coverage(await Lake.ComputeAsync("2026-02")));
        Assert.Equal((2, 3), Coverage(await Lake.ComputeAsync(March)));
        // Outside the vacancies range (Jan..Mar): no coverage row, even with exits data.
        Assert.Null((await Lake.ComputeAsync("2025-12")).Find("submission_coverage", "partnership", "all"));
        Assert.Null((await Lake.ComputeAsync("2026-04")).Find("submission_coverage", "partnership", "all"));
        // The inactive partner's data still count in its own month's other indicators.
        Assert.Equal(1, (await Lake.ComputeAsync("2026-02")).Get("vacancy_rate", "partnership", "all").PartnersReporting);
    }

    [Fact]
    public async Task SubmissionCoverage_OnlyPartnershipScope()
    {
        await Lake.AddPartnerAsync("pa", "nhs_trust");
        await Lake.WriteVacanciesAsync("pa", March, Vacancy("care_worker", 1, 0));

        var rows = await Lake.ComputeAsync(March);

        var coverage = Assert.Single(rows, r => r.Indicator == "submission_coverage");
        Assert.Equal(("partnership", "all", 1.0, 1), (coverage.ScopeType, coverage.Scope, coverage.Value!.Value, coverage.PartnersReporting));
    }

    private static (double Reporting, double Active) Coverage(IReadOnlyList<Pipeline.Core.Indicators.IndicatorRow> rows)
    {
        var row = rows.Get("submission_coverage", "partnership", "all");
        Assert.Equal(row.Numerator / row.Denominator, row.Value);
        return (row.Numerator!.Value, row.Denominator!.Value);
    }

}
