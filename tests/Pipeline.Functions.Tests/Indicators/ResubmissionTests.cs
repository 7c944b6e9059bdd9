using Pipeline.Functions.Indicators;
using static Pipeline.Testing.Rows;

namespace Pipeline.Functions.Tests.Indicators;

/// <summary>
/// A partner resubmits one month; the queue delivers the curated change to ComputeIndicators.
/// Only that month and the turnover windows containing it may change, and only the indicators
/// built from the resubmitted dataset.
/// </summary>
public sealed class ResubmissionTests() : LakeTests(TestLake.ForIndicators())
{
    private static readonly Period First = Period.Parse("2024-09");
    private static readonly Period Last = Period.Parse("2026-04");
    private static readonly Period Changed = Period.Parse("2025-03");

    private async Task WriteTwoYearsAsync()
    {
        await Lake.AddPartnerAsync("pa", "nhs_trust");
        await Lake.AddPartnerAsync("pb", "care_provider");
        await Lake.AddPartnerAsync("pc", "care_provider");
        var month = 0;
        for (var period = First; period <= Last; period = period.AddMonths(1), month++)
        {
            foreach (var (partner, index) in new[] { ("pa", 1), ("pb", 2), ("pc", 3) })
            {
                await Lake.WriteVacanciesAsync(partner, period.ToString(), MonthOfVacancies(month + index, extraLeavers: 0));
                await Lake.WriteExitsAsync(partner, period.ToString(), MonthOfExits(period, 9 + month % 3, reason: "pay"));
            }
        }
    }

    private static VacancyRecord[] MonthOfVacancies(int seed, int extraLeavers) =>
    [
        Vacancy("care_worker", 40 + seed % 5, 3 + seed % 4, headcount: 45 + seed % 5, starters: 2 + seed % 3, leavers: 1 + seed % 2 + extraLeavers, site: "North"),
        Vacancy("care_worker", 20 + seed % 3, 1, headcount: 22, starters: 1, leavers: seed % 2, site: "South"),
        Vacancy("registered_nurse", 30, 2 + seed % 3, headcount: 31, starters: 1, leavers: 1, advertised: 3, applications: 9 + seed % 5, agencyFte: 1.5),
    ];

    private static ExitRecord[] MonthOfExits(Period period, int count, string reason) =>
        Enumerable.Range(0, count).Select(i => Exit(i % 2 == 0 ? "care_worker" : "registered_nurse", period.ToString(), reason: reason,
            destination: i % 3 == 0 ? "left_sector" : "within_partnership", serviceMonths: 3 + i * 4, wouldReturn: i % 4 == 0)).ToArray();

    private async Task<Dictionary<Period, Dictionary<string, string>>> SnapshotAsync()
    {
        var snapshot = new Dictionary<Period, Dictionary<string, string>>();
        for (var period = First; period <= Last; period = period.AddMonths(1))
        {
            snapshot[period] = (await Lake.ReadOutputAsync(period.ToString())).ToDictionary(
                r => $"{r.Indicator}|{r.ScopeType}|{r.Scope}",
                r => $"{r.Value:R}|{r.Numerator:R}|{r.Denominator:R}|{r.Suppressed}|{r.PartnersReporting}");
        }
        return snapshot;
    }

    private static List<(Period Period, string Key)> Differences(
        Dictionary<Period, Dictionary<string, string>> before, Dictionary<Period, Dictionary<string, string>> after) =>
        before.Keys.Union(after.Keys).SelectMany(period =>
            before[period].Keys.Union(after[period].Keys)
                .Where(key => before[period].GetValueOrDefault(key) != after[period].GetValueOrDefault(key))
                .Select(key => (period, key))).ToList();

    [Fact]
    public async Task ComputeIndicators_VacanciesResubmission_ChangesTheMonthAndTurnoverOfTheNextElevenOnly()
    {
        await WriteTwoYearsAsync();
        await Lake.Recomputer.RecomputeAllAsync(CancellationToken.None);
        var before = await SnapshotAsync();

        // pb resubmits March 2025 with 5 more care-worker leavers at the North site.
        await Lake.WriteVacanciesAsync("pb", Changed.ToString(), MonthOfVacancies(6 + 2, extraLeavers: 5));
        await Lake.Function<ComputeIndicators>()
            .RunAsync(CuratedChangeMessage.Write(new CuratedChange("pb", "vacancies", [Changed])), CancellationToken.None);
        var after = await SnapshotAsync();

        var differences = Differences(before, after);
        var changedMonth = differences.Where(d => d.Period == Changed).Select(d => d.Key).ToHashSet();
        // March: leavers, net flow and turnover of every scope holding pb's care workers; nothing else.
        Assert.Equal(
            new[] { "leavers", "net_flow", "turnover_rate_12m" }
                .SelectMany(i => new[] { "partnership|all", "partner|pb", "sector|care_provider", "role|care_worker", "staff_group|social_care_direct" }
                    .Select(scope => $"{i}|{scope}")).ToHashSet(),
            changedMonth);
        // April 2025 .. February 2026: only turnover of those scopes, in every one of those months.
        for (var period = Changed.AddMonths(1); period <= Changed.AddMonths(11); period = period.AddMonths(1))
        {
            var keys = differences.Where(d => d.Period == period).Select(d => d.Key).ToList();
            Assert.Equal(5, keys.Count);
            Assert.All(keys, key => Assert.StartsWith("turnover_rate_12m|", key, StringComparison.Ordinal));
        }
        Assert.DoesNotContain(differences, d => d.Period < Changed || d.Period > Changed.AddMonths(11));

        // The incremental result is what a full recompute gives.
        await Lake.Recomputer.RecomputeAllAsync(CancellationToken.None);
        Assert.Empty(Differences(after, await SnapshotAsync()));
    }

    [Fact]
    public async Task ComputeIndicators_ExitsResubmission_ChangesThatMonthsExitIndicatorsOnly()
    {
        await WriteTwoYearsAsync();
        await Lake.Recomputer.RecomputeAllAsync(CancellationToken.None);
        var before = await SnapshotAsync();

        await Lake.WriteExitsAsync("pb", Changed.ToString(), MonthOfExits(Changed, 9, reason: "relocation"));
        await Lake.Function<ComputeIndicators>()
            .RunAsync(CuratedChangeMessage.Write(new CuratedChange("pb", "exits", [Changed])), CancellationToken.None);
        var differences = Differences(before, await SnapshotAsync());

        Assert.NotEmpty(differences);
        Assert.All(differences, d => Assert.Equal(Changed, d.Period));
        Assert.All(differences, d => Assert.Contains(IndicatorDefinitions.Exits, e => d.Key.StartsWith(e.Name + "|", StringComparison.Ordinal)));
        Assert.Contains((Changed, "reason_share:relocation|partner|pb"), differences);
        Assert.DoesNotContain(differences, d => d.Key.EndsWith("|partner|pa", StringComparison.Ordinal));
    }
}
