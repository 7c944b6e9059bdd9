namespace Pipeline.Core.Tests.Indicators;

/// <summary>
/// Feed indicators over curated lmi_postings / lmi_claimants files written here in the shape the
/// feeds produce (every column; period and feed as partition folders).
/// </summary>
public sealed class LabourMarketIndicatorTests() : LakeTests(TestLake.ForIndicators())
{
    /// <summary>Writes the feeds' files (postings in March and April, claimants in March) and computes the month.</summary>
    private async Task<IReadOnlyList<IndicatorRow>> FeedsComputedForAsync(string period)
    {
        await Lake.WritePostingsAsync("adzuna",
            Posting("p1", "2026-03-02", "care_worker", 20000, 24000),
            Posting("p2", "2026-03-10", "care_worker", 24000, 26000),
            Posting("p3", "2026-03-11", null, 18000, null),
            Posting("p4", "2026-03-31", "registered_nurse", 30000, 40000),
            Posting("p5", "2026-04-01", "care_worker", null, null));
        // A later pull that saw p1 again: still one posting.
        await Lake.WritePostingsAsync("adzuna", Posting("p1", "2026-03-02", "care_worker", 20000, 24000));
        await Lake.WriteClaimantsAsync("claimants", "2026-03",
            new ClaimantRecord { GeographyCode = "E06000026", GeographyName = "Plymouth", Claimants = 100, FetchedAt = TestLake.ComputedAt },
            new ClaimantRecord { GeographyCode = "E07000044", GeographyName = "South Hams", Claimants = 150, FetchedAt = TestLake.ComputedAt });
        return await Lake.ComputeAsync(period);
    }

    [Fact]
    public async Task JobPostings_DistinctPostingsOfTheMonth_PartnershipAndClassifiedRoles()
    {
        var rows = await FeedsComputedForAsync("2026-03");

        // p1..p4 (p1 twice, p5 in April); p3 has no role: partnership only.
        AssertSum(rows.Get("job_postings", "partnership", "all"), 4);
        AssertSum(rows.Get("job_postings", "role", "care_worker"), 2);
        AssertSum(rows.Get("job_postings", "role", "registered_nurse"), 1);
        Assert.Equal(3, rows.Count(r => r.Indicator == "job_postings"));
    }

    [Fact]
    public async Task MedianAdvertisedSalary_PostingsWithBothEnds_MedianOfMidpoints()
    {
        var rows = await FeedsComputedForAsync("2026-03");

        // Mid-points 22000 (p1), 25000 (p2), 35000 (p4); p3 lacks a maximum.
        AssertSum(rows.Get("median_advertised_salary", "partnership", "all"), 25000);
        AssertSum(rows.Get("median_advertised_salary", "role", "care_worker"), 23500);
        // April's only posting has no salary: a row without a value.
        var april = (await Lake.ComputeAsync("2026-04")).Get("median_advertised_salary", "partnership", "all");
        Assert.Null(april.Value);
    }

    [Fact]
    public async Task Claimants_SumOverGeographies_AndPostingsPer100()
    {
        var rows = await FeedsComputedForAsync("2026-03");

        AssertSum(rows.Get("claimants", "partnership", "all"), 250);
        // 100 x 4 / 250 = 1.6.
        var per100 = rows.Get("postings_per_100_claimants", "partnership", "all");
        Assert.Equal((400.0, 250.0), (per100.Numerator!.Value, per100.Denominator!.Value));
        Assert.Equal(1.6, per100.Value!.Value, 12);
        Assert.DoesNotContain(rows, r => r.Indicator is "claimants" or "postings_per_100_claimants" && r.ScopeType != "partnership");
        Assert.All(rows, r => Assert.Equal(0, r.PartnersReporting));
    }

    [Fact]
    public async Task PostingsPer100Claimants_MonthWithoutClaimants_NullAndNoClaimantsRow()
    {
        var rows = await FeedsComputedForAsync("2026-04");

        Assert.Null(rows.Get("postings_per_100_claimants", "partnership", "all").Value);
        Assert.Null(rows.Find("claimants", "partnership", "all"));
    }

    [Fact]
    public async Task NhsRegionVacancyRate_QuarterEndMonth_TheConfiguredRegionsAllStaffGroupsRate()
    {
        await Lake.WriteNhsVacanciesAsync("nhs", "2026-06",
            Nhs("England", "All staff groups", 0.076), Nhs("South West", "Registered nurses", 0.096),
            Nhs("South West", "All staff groups", 0.069), Nhs("London", "All staff groups", 0.088));

        var june = await Lake.ComputeAsync("2026-06");
        var may = await Lake.ComputeAsync("2026-05");

        var benchmark = june.Get("nhs_region_vacancy_rate", "partnership", "all");
        Assert.Equal(0.069, benchmark.Value!.Value, 12);
        Assert.Equal((0.069, (double?)null), (benchmark.Numerator!.Value, benchmark.Denominator));
        Assert.Single(june, r => r.Indicator == "nhs_region_vacancy_rate");
        Assert.Null(may.Find("nhs_region_vacancy_rate", "partnership", "all"));
        Assert.Contains(new DateTime(2026, 6, 1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
            (await Lake.Engine.ListPeriodsAsync(CancellationToken.None)).Select(p => p.ToString()));
    }

    private static NhsVacancyRecord Nhs(string region, string staffGroup, double rate) =>
        new() { Region = region, StaffGroup = staffGroup, VacanciesFte = 100, VacancyRate = rate, FetchedAt = TestLake.ComputedAt };

    private static PostingRecord Posting(string id, string date, string? role, double? min, double? max) => new()
    {
        PostingId = id,
        PostedDate = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture),
        Title = role ?? "Receptionist",
        Role = role,
        SalaryMin = min,
        SalaryMax = max,
        Location = "Plymouth",
        Employer = "Somewhere Care",
        FetchedAt = TestLake.ComputedAt,
    };

    private static void AssertSum(IndicatorRow row, double value)
    {
        Assert.Equal(value, row.Value);
        Assert.Equal(value, row.Numerator);
        Assert.Null(row.Denominator);
    }
}
