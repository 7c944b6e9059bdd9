using static Pipeline.Testing.Rows;

namespace Pipeline.Core.Tests.Indicators;

public sealed class ExitIndicatorTests : IDisposable
{
    private const string March = "2026-03";
    private TestLake _lake = TestLake.ForIndicators();

    public void Dispose() => _lake.Dispose();

    /// <summary>Four leavers of partner pa: few enough to be suppressed below partnership level.</summary>
    private async Task<IReadOnlyList<IndicatorRow>> FourLeaversAsync()
    {
        await _lake.AddPartnerAsync("pa", "nhs_trust");
        await _lake.WriteExitsAsync("pa", March,
            Exit("registered_nurse", March, reason: "pay", destination: "left_sector", serviceMonths: 6, wouldReturn: true),
            Exit("registered_nurse", March, reason: "pay", destination: "within_partnership", serviceMonths: 24, wouldReturn: false),
            Exit("care_worker", March, reason: "relocation", destination: "unknown"),
            Exit("care_worker", March, reason: "health", destination: "other_health_care", serviceMonths: 11, wouldReturn: true));
        return await _lake.ComputeAsync(March);
    }

    [Fact]
    public async Task ExitIndicators_Partnership_HandComputedAndNeverSuppressed()
    {
        var rows = await FourLeaversAsync();

        var count = rows.Get("exit_count", "partnership", "all");
        Assert.Equal((4.0, 4.0, (double?)null, false), (count.Value!.Value, count.Numerator!.Value, count.Denominator, count.Suppressed));
        // Destinations known: left_sector, within_partnership, other_health_care (unknown excluded).
        AssertShare(rows.Get("left_sector_share", "partnership", "all"), 1, 3);
        AssertShare(rows.Get("retained_in_system_share", "partnership", "all"), 1, 3);
        // Service known for 6, 24 and 11 months; under 12: 6 and 11.
        AssertShare(rows.Get("early_leaver_share", "partnership", "all"), 2, 3);
        // would_return: yes, no, yes; one unanswered.
        AssertShare(rows.Get("would_return_share", "partnership", "all"), 2, 3);
        AssertShare(rows.Get("reason_share:pay", "partnership", "all"), 2, 4);
        AssertShare(rows.Get("reason_share:relocation", "partnership", "all"), 1, 4);
        AssertShare(rows.Get("reason_share:health", "partnership", "all"), 1, 4);
    }

    [Fact]
    public async Task ReasonShare_EveryTaxonomyCode_HasARowZeroSharesIncluded()
    {
        var rows = await FourLeaversAsync();

        var shares = rows.Where(r => r.ScopeType == "partnership" && r.Indicator.StartsWith("reason_share:", StringComparison.Ordinal)).ToList();
        Assert.Equal(ReferenceData.Reasons.Codes.Select(c => "reason_share:" + c).Order(), shares.Select(r => r.Indicator).Order());
        AssertShare(shares.Single(r => r.Indicator == "reason_share:promotion"), 0, 4);
        Assert.Equal(1.0, shares.Sum(r => r.Value!.Value), 12);
    }

    [Fact]
    public async Task ExitIndicators_NarrowerScopesWithFourLeavers_AllSuppressedWithNothingDisclosed()
    {
        var rows = await FourLeaversAsync();

        var narrow = rows.Where(r => r.ScopeType != "partnership" && IsExitIndicator(r.Indicator)).ToList();
        Assert.NotEmpty(narrow);
        Assert.Contains(narrow, r => r.ScopeType == "partner");
        Assert.Contains(narrow, r => r.ScopeType == "sector");
        Assert.Contains(narrow, r => r.ScopeType == "role");
        Assert.Contains(narrow, r => r.ScopeType == "staff_group");
        Assert.All(narrow, r => Assert.True(r.Suppressed && r.Value is null && r.Numerator is null && r.Denominator is null, r.Indicator + " " + r.Scope));
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(7, true)]
    [InlineData(8, false)]
    public async Task ExitCount_PartnerScopeAtThresholdEdges_SuppressedFromOneToSeven(int leavers, bool suppressed)
    {
        await _lake.AddPartnerAsync("pa", "voluntary");
        await _lake.WriteExitsAsync("pa", March, Enumerable.Range(0, leavers).Select(_ => Exit("care_worker", March)).ToArray());

        var rows = await _lake.ComputeAsync(March);

        var partner = rows.Get("exit_count", "partner", "pa");
        Assert.Equal(suppressed, partner.Suppressed);
        Assert.Equal(suppressed ? null : leavers, partner.Value);
        Assert.Equal(suppressed ? null : leavers, partner.Numerator);
        Assert.Equal(suppressed, rows.Get("exit_count", "sector", "voluntary").Suppressed);
        Assert.Equal(leavers, rows.Get("exit_count", "partnership", "all").Value);
    }

    [Fact]
    public async Task Share_ZeroNumeratorOverEightLeavers_NotSuppressed()
    {
        await _lake.AddPartnerAsync("pa", "voluntary");
        await _lake.WriteExitsAsync("pa", March, Enumerable.Range(0, 8).Select(_ => Exit("care_worker", March, destination: "left_sector")).ToArray());

        var rows = await _lake.ComputeAsync(March);

        // 0 within_partnership of 8 known destinations: 0 is not disclosive.
        AssertShare(rows.Get("retained_in_system_share", "partner", "pa"), 0, 8);
        AssertShare(rows.Get("left_sector_share", "partner", "pa"), 8, 8);
        // No service lengths: 0 / 0 is null and not suppressed.
        var early = rows.Get("early_leaver_share", "partner", "pa");
        Assert.Equal(((double?)null, 0.0, 0.0, false), (early.Value, early.Numerator!.Value, early.Denominator!.Value, early.Suppressed));
    }

    [Fact]
    public async Task Share_NumeratorOfOneOverEightLeavers_Suppressed()
    {
        await _lake.AddPartnerAsync("pa", "voluntary");
        await _lake.WriteExitsAsync("pa", March,
            [Exit("care_worker", March, destination: "left_sector"), .. Enumerable.Range(0, 7).Select(_ => Exit("care_worker", March, destination: "retired"))]);

        var row = (await _lake.ComputeAsync(March)).Get("left_sector_share", "partner", "pa");

        Assert.True(row.Suppressed);
        Assert.Null(row.Value);
        Assert.Null(row.Denominator);
    }

    [Fact]
    public async Task ExitCount_ThresholdSettingOfThree_SevenShownOneSuppressed()
    {
        _lake.Dispose();
        _lake = TestLake.ForIndicators(suppressionThreshold: 3);
        await _lake.AddPartnerAsync("pa", "voluntary");
        await _lake.AddPartnerAsync("pb", "nhs_trust");
        await _lake.WriteExitsAsync("pa", March, Enumerable.Range(0, 7).Select(_ => Exit("care_worker", March)).ToArray());
        await _lake.WriteExitsAsync("pb", March, Exit("care_worker", March));

        var rows = await _lake.ComputeAsync(March);

        Assert.Equal(7, rows.Get("exit_count", "partner", "pa").Value);
        Assert.True(rows.Get("exit_count", "partner", "pb").Suppressed);
        Assert.Equal(8, rows.Get("exit_count", "role", "care_worker").Value);
    }

    [Fact]
    public async Task VacancyIndicators_SmallCountsBelowPartnership_NeverSuppressed()
    {
        await _lake.AddPartnerAsync("pa", "voluntary");
        await _lake.WriteVacanciesAsync("pa", March, Vacancy("care_worker", 3, 1, headcount: 3, starters: 1, leavers: 2));

        var rows = await _lake.ComputeAsync(March);

        Assert.All(rows, r => Assert.False(r.Suppressed));
        Assert.Equal(1, rows.Get("starters", "partner", "pa").Value);
    }

    private static bool IsExitIndicator(string indicator) =>
        IndicatorDefinitions.Exits.Any(d => d.Name == indicator);

    private static void AssertShare(IndicatorRow row, double numerator, double denominator)
    {
        Assert.False(row.Suppressed);
        Assert.Equal(numerator, row.Numerator);
        Assert.Equal(denominator, row.Denominator);
        Assert.Equal(numerator / denominator, row.Value!.Value, 12);
    }
}
