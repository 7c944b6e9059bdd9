using static Pipeline.Testing.Rows;

namespace Pipeline.Core.Tests.Indicators;

public sealed class VacancyIndicatorTests() : LakeTests(TestLake.ForIndicators())
{
    private const string March = "2026-03";

    /// <summary>
    /// Partner a (nhs_trust): registered_nurse at sites X and Y, care_worker. Partner b (care_provider): care_worker.
    /// </summary>
    private async Task<IReadOnlyList<IndicatorRow>> MarchAsync()
    {
        await Lake.AddPartnerAsync("pa", "nhs_trust");
        await Lake.AddPartnerAsync("pb", "care_provider");
        await Lake.WriteVacanciesAsync("pa", March,
            Vacancy("registered_nurse", 18, 2, headcount: 20, starters: 1, leavers: 2, advertised: 2, applications: 10, agencyFte: 1, site: "X"),
            Vacancy("registered_nurse", 9, 1, headcount: 10, starters: 0, leavers: 1, advertised: null, applications: 5, site: "Y"),
            Vacancy("care_worker", 30, 10, headcount: 35, starters: 3, leavers: 2, advertised: 5, applications: 5, agencyFte: 5));
        await Lake.WriteVacanciesAsync("pb", March,
            Vacancy("care_worker", 40, 0, headcount: 45, starters: 2, leavers: 4, advertised: 0, applications: 0));
        return await Lake.ComputeAsync(March);
    }

    [Fact]
    public async Task VacancyRate_EveryScopeType_SumOfVacanciesOverInPostPlusVacancies()
    {
        var rows = await MarchAsync();

        // all: vacancies 2+1+10+0 = 13; in post 18+9+30+40 = 97; 13 / 110.
        AssertRatio(rows.Get("vacancy_rate", "partnership", "all"), 13, 110, partners: 2);
        // partner a and its sector: 13 / (57 + 13) = 13 / 70.
        AssertRatio(rows.Get("vacancy_rate", "partner", "pa"), 13, 70, partners: 1);
        AssertRatio(rows.Get("vacancy_rate", "sector", "nhs_trust"), 13, 70, partners: 1);
        // partner b: 0 / 40 is a rate of 0, not null.
        AssertRatio(rows.Get("vacancy_rate", "partner", "pb"), 0, 40, partners: 1);
        // registered_nurse over both sites: 3 / 30.
        AssertRatio(rows.Get("vacancy_rate", "role", "registered_nurse"), 3, 30, partners: 1);
        // social_care_direct = care_worker of a and b: 10 / 80.
        AssertRatio(rows.Get("vacancy_rate", "staff_group", "social_care_direct"), 10, 80, partners: 2);
    }

    [Fact]
    public async Task Sums_VacanciesStartersLeaversNetFlow_NumeratorIsValueAndNoDenominator()
    {
        var rows = await MarchAsync();

        AssertSum(rows.Get("vacancies_fte", "partnership", "all"), 13);
        AssertSum(rows.Get("vacancies_fte", "role", "registered_nurse"), 3);
        // starters 1+0+3+2 = 6, leavers 2+1+2+4 = 9.
        AssertSum(rows.Get("starters", "partnership", "all"), 6);
        AssertSum(rows.Get("leavers", "partnership", "all"), 9);
        AssertSum(rows.Get("net_flow", "partnership", "all"), -3);
        // partner b: 2 starters, 4 leavers.
        AssertSum(rows.Get("net_flow", "partner", "pb"), -2);
        AssertSum(rows.Get("starters", "sector", "care_provider"), 2);
    }

    [Fact]
    public async Task ApplicationsPerAdvert_RowsWithBothColumns_OnlyThoseRowsCount()
    {
        var rows = await MarchAsync();

        // Rows with both: a nurse X (10 / 2), a care (5 / 5), b care (0 / 0); nurse Y has no adverts figure.
        AssertRatio(rows.Get("applications_per_advert", "partnership", "all"), 15, 7, partners: 2);
        AssertRatio(rows.Get("applications_per_advert", "role", "registered_nurse"), 10, 2, partners: 1);
        // b advertised nothing: 0 / 0 is null, not zero.
        AssertZeroOverZero(rows.Get("applications_per_advert", "partner", "pb"));
    }

    [Fact]
    public async Task AgencyShare_RowsWithAgencyFte_OnlyThoseRowsCountAndNoneIsNull()
    {
        var rows = await MarchAsync();

        // Rows with agency_fte: a nurse X (1 agency, 18 in post), a care (5, 30): 6 / (48 + 6).
        AssertRatio(rows.Get("agency_share", "partnership", "all"), 6, 54, partners: 1);
        AssertRatio(rows.Get("agency_share", "role", "care_worker"), 5, 35, partners: 1);
        var b = rows.Get("agency_share", "partner", "pb");
        Assert.Null(b.Value);
        Assert.Equal(0, b.PartnersReporting);
    }

    [Fact]
    public async Task Compute_ScopeWithoutRows_HasNoRow()
    {
        var rows = await MarchAsync();

        Assert.Null(rows.Find("vacancy_rate", "role", "paramedic"));
        Assert.Null(rows.Find("vacancy_rate", "sector", "voluntary"));
        Assert.Empty(await Lake.ComputeAsync("2026-04"));
    }

    [Fact]
    public async Task VacancyRate_NothingInPostAndNoVacancies_NullWithZeroNumeratorAndDenominator()
    {
        await Lake.AddPartnerAsync("pa", "nhs_trust");
        await Lake.WriteVacanciesAsync("pa", March, Vacancy("pharmacist", 0, 0));

        var row = (await Lake.ComputeAsync(March)).Get("vacancy_rate", "partner", "pa");

        AssertZeroOverZero(row);
        Assert.False(row.Suppressed);
    }

    [Fact]
    public async Task Compute_AnyRow_CarriesPeriodAndComputedAtInUtc()
    {
        var rows = await MarchAsync();

        Assert.All(rows, row =>
        {
            Assert.Equal(March, row.Period);
            Assert.Equal(TestLake.ComputedAt, row.ComputedAt);
            Assert.Equal(DateTimeKind.Utc, row.ComputedAt.Kind);
        });
    }

    private static void AssertRatio(IndicatorRow row, double numerator, double denominator, int partners)
    {
        Assert.Equal(numerator, row.Numerator!.Value, 9);
        Assert.Equal(denominator, row.Denominator!.Value, 9);
        Assert.Equal(numerator / denominator, row.Value!.Value, 12);
        Assert.Equal(partners, row.PartnersReporting);
        Assert.False(row.Suppressed);
    }

    /// <summary>A ratio of 0 / 0: no value, but the zero numerator and denominator are kept.</summary>
    private static void AssertZeroOverZero(IndicatorRow row)
    {
        Assert.Null(row.Value);
        Assert.Equal(0, row.Numerator);
        Assert.Equal(0, row.Denominator);
    }

    private static void AssertSum(IndicatorRow row, double value)
    {
        Assert.Equal(value, row.Value!.Value, 9);
        Assert.Equal(value, row.Numerator!.Value, 9);
        Assert.Null(row.Denominator);
    }
}
