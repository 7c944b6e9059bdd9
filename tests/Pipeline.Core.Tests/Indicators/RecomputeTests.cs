using static Pipeline.Testing.Rows;

namespace Pipeline.Core.Tests.Indicators;

public sealed class RecomputeTests() : LakeTests(TestLake.ForIndicators())
{
    [Fact]
    public async Task RecomputeAllAsync_CuratedData_WritesParquetAndServingRowsPerPeriod()
    {
        await Lake.AddPartnerAsync("pa", "nhs_trust");
        await Lake.WriteVacanciesAsync("pa", "2026-01", Vacancy("care_worker", 9, 1));
        await Lake.WriteVacanciesAsync("pa", "2026-03", Vacancy("care_worker", 8, 2));

        var result = await Lake.Recomputer.RecomputeAllAsync(CancellationToken.None);

        // February has no rows but lies in the vacancies range: its coverage is 0 of 1.
        Assert.Equal(["2026-01", "2026-02", "2026-03"], result.Written.Select(p => p.ToString()));
        var march = await Lake.ReadOutputAsync("2026-03");
        Assert.Equal(0.2, march.Get("vacancy_rate", "partnership", "all").Value!.Value, 12);
        Assert.Equal(0, (await Lake.ReadOutputAsync("2026-02")).Get("submission_coverage", "partnership", "all").Value);
        Assert.Equal(
            (await Lake.ReadOutputAsync("2026-01")).Concat(await Lake.ReadOutputAsync("2026-02")).Concat(march).Select(Key).Order(),
            (await ServedAsync(null)).Select(Key).Order());
    }

    [Fact]
    public async Task RecomputeAsync_VacanciesChange_ChangedMonthAndFollowingElevenUpToLastMonth()
    {
        await Lake.AddPartnerAsync("pa", "nhs_trust");
        for (var month = Period.Parse("2025-01"); month <= Period.Parse("2026-06"); month = month.AddMonths(1))
        {
            await Lake.WriteVacanciesAsync("pa", month.ToString(), Vacancy("care_worker", 9, 1));
        }
        await Lake.Recomputer.RecomputeAllAsync(CancellationToken.None);

        var vacancies = await Lake.Recomputer.RecomputeAsync(new CuratedChange("pa", "vacancies", [Period.Parse("2025-03")]), CancellationToken.None);
        var exits = await Lake.Recomputer.RecomputeAsync(new CuratedChange("pa", "exits", [Period.Parse("2025-03")]), CancellationToken.None);

        // 2025-03 is in the turnover windows of 2025-03 .. 2026-02.
        Assert.Equal(Enumerable.Range(0, 12).Select(i => Period.Parse("2025-03").AddMonths(i)), vacancies.Written);
        Assert.Equal([Period.Parse("2025-03")], exits.Written);
    }

    [Fact]
    public async Task CommitAsync_OlderTicketAfterNewerWrote_DoesNotOverwrite()
    {
        var (gate, older, newer) = await TwoTicketsAsync(Lake.Time);
        var written = new List<long>();

        Assert.True(await gate.CommitAsync("2026-03", newer, _ => Record(written, newer), CancellationToken.None));
        Assert.False(await gate.CommitAsync("2026-03", older, _ => Record(written, older), CancellationToken.None));

        Assert.Equal([newer], written);
    }

    [Fact]
    public async Task CommitAsync_TwoWritersAtOnce_SecondWaitsForTheFirstToFinish()
    {
        var (gate, first, second) = await TwoTicketsAsync(TimeProvider.System);
        var events = new List<string>();
        var firstWriting = new TaskCompletionSource();
        var releaseFirst = new TaskCompletionSource();

        var firstCommit = gate.CommitAsync("2026-03", first, async _ =>
        {
            lock (events) { events.Add("first start"); }
            firstWriting.SetResult();
            await releaseFirst.Task;
            lock (events) { events.Add("first end"); }
        }, CancellationToken.None);
        await firstWriting.Task;
        var secondCommit = gate.CommitAsync("2026-03", second, _ =>
        {
            lock (events) { events.Add("second"); }
            return Task.CompletedTask;
        }, CancellationToken.None);
        await Task.Delay(200);
        releaseFirst.SetResult();

        Assert.True(await firstCommit);
        Assert.True(await secondCommit);
        Assert.Equal(["first start", "first end", "second"], events);
    }

    [Fact]
    public async Task RecomputeAllAsync_TwoAtOnce_EveryPeriodFromOneComputation()
    {
        await Lake.AddPartnerAsync("pa", "nhs_trust");
        for (var month = Period.Parse("2025-01"); month <= Period.Parse("2025-12"); month = month.AddMonths(1))
        {
            await Lake.WriteVacanciesAsync("pa", month.ToString(), Vacancy("care_worker", 9, 1));
        }
        var recomputer = Lake.Recomputer;

        var results = await Task.WhenAll(recomputer.RecomputeAllAsync(CancellationToken.None), recomputer.RecomputeAllAsync(CancellationToken.None));

        // Each period written at least once, and its file and serving rows agree.
        Assert.All(Enumerable.Range(0, 12).Select(i => Period.Parse("2025-01").AddMonths(i)),
            p => Assert.Contains(p, results.SelectMany(r => r.Written)));
        foreach (var period in results[0].Written.Concat(results[0].Superseded))
        {
            var file = await Lake.ReadOutputAsync(period.ToString());
            var served = await ServedAsync(period.ToString());
            Assert.Equal(file.Select(Key).Order(), served.Select(Key).Order());
        }
    }

    [Fact]
    public async Task ReadAsync_ServingTable_SkipsRecomputeBookkeeping()
    {
        var gate = new PeriodCommitGate(Lake.Tables, Lake.Time);
        await gate.TakeTicketAsync("2026-03", CancellationToken.None);

        var rows = await ServedAsync(null);

        Assert.Empty(rows);
    }

    /// <summary>A commit gate and two tickets for 2026-03, the first taken before the second.</summary>
    private async Task<(PeriodCommitGate Gate, long First, long Second)> TwoTicketsAsync(TimeProvider time)
    {
        var gate = new PeriodCommitGate(Lake.Tables, time);
        var first = await gate.TakeTicketAsync("2026-03", CancellationToken.None);
        var second = await gate.TakeTicketAsync("2026-03", CancellationToken.None);
        return (gate, first, second);
    }

    /// <summary>The serving table's indicator rows, of one period or of all.</summary>
    private async Task<List<IndicatorRow>> ServedAsync(string? period)
    {
        var rows = new List<IndicatorRow>();
        await foreach (var row in new IndicatorStore(Lake.Tables).ReadAsync(period, CancellationToken.None))
        {
            rows.Add(row);
        }
        return rows;
    }

    private static Task Record(List<long> written, long ticket)
    {
        written.Add(ticket);
        return Task.CompletedTask;
    }

    private static string Key(IndicatorRow row) =>
        $"{row.Period}|{row.Indicator}|{row.ScopeType}|{row.Scope}|{row.Value:R}|{row.Numerator:R}|{row.Denominator:R}|{row.Suppressed}|{row.PartnersReporting}";
}
