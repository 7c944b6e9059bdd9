using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Functions;
using Pipeline.Functions.Indicators;
using Pipeline.Functions.Tests;
using static Pipeline.Testing.Rows;

namespace Pipeline.Functions.Tests.Indicators;

public sealed class ComputeIndicatorsTests() : LakeTests(TestLake.ForIndicators())
{
    [Fact]
    public async Task RunAsync_CuratedChangeMessage_WritesTheNamedPeriod()
    {
        await Lake.WriteOneTrustMonthAsync();
        var function = Lake.Function<ComputeIndicators>();

        await function.RunAsync("""{"partner":"pa","dataset":"vacancies","periods":["2026-03"]}""", CancellationToken.None);

        Assert.Equal(0.2, (await Lake.ReadOutputAsync("2026-03")).Get("vacancy_rate", "partnership", "all").Value!.Value, 12);
    }

    [Fact]
    public async Task RunAsync_NotACuratedChange_ThrowsSoTheQueueRetries()
    {
        var function = Lake.Function<ComputeIndicators>();

        await Assert.ThrowsAsync<JsonException>(() => function.RunAsync("""{"partner":"pa","periods":["March"]}""", CancellationToken.None));
    }

    [Fact]
    public async Task Nightly_RunAsync_RecomputesEveryPeriod()
    {
        await Lake.AddPartnerAsync("pa", "nhs_trust");
        await Lake.WriteVacanciesAsync("pa", "2026-01", Vacancy("care_worker", 8, 2));
        await Lake.WriteExitsAsync("pa", "2026-05", Exit("care_worker", "2026-05"));
        var function = Lake.Function<ComputeIndicators>();

        await function.RunNightlyAsync(new TimerInfo(), CancellationToken.None);

        Assert.NotEmpty(await Lake.ReadOutputAsync("2026-01"));
        Assert.Equal(1, (await Lake.ReadOutputAsync("2026-05")).Get("exit_count", "partnership", "all").Value);
    }

    [Fact]
    public async Task Nightly_RunAsync_PublishADeadInstanceLeftPartWay_CompletedAndItsMonthsComputed()
    {
        using var lake = TestLake.ForIngestion(now: DateTimeOffset.UtcNow);
        var months = new[] { TestLake.LastMonth.AddMonths(-1), TestLake.LastMonth };
        await DeadInstance.DiesMidPublishAsync(lake, "two-months.csv", Returns.Vacancies(Returns.Row(months[0]), Returns.Row(months[1])));

        await lake.Function<ComputeIndicators>().RunNightlyAsync(new TimerInfo(), CancellationToken.None);

        Assert.Equal(IngestionStatus.Accepted, Assert.Single(await lake.Log.ListAsync(TestLake.Partner, default)).Status);
        foreach (var month in months)
        {
            Assert.Single(await lake.ReadCuratedAsync<VacancyRecord>(Datasets.Vacancies, month));
            Assert.Equal(10.0 / 110, (await lake.ReadOutputAsync(month.ToString())).Get("vacancy_rate", ScopeTypes.Partnership, "all").Value!.Value, 12);
        }
    }

    [Fact]
    public void CuratedChangeMessage_WriteThenParse_SameChangeInCamelCase()
    {
        var change = new CuratedChange("pa", "exits", [Period.Parse("2026-01"), Period.Parse("2026-02")]);

        var text = CuratedChangeMessage.Write(change);
        var parsed = CuratedChangeMessage.Parse(text);

        Assert.Equal("""{"partner":"pa","dataset":"exits","periods":["2026-01","2026-02"]}""", text);
        Assert.Equal((change.Partner, change.Dataset), (parsed.Partner, parsed.Dataset));
        Assert.Equal(change.Periods, parsed.Periods);
    }

    [Fact]
    public void FunctionsMetadata_IndicatorFunctions_QueueOnIndicatorRecomputeAndTimerOnSetting()
    {
        var queue = FunctionsMetadata.Binding("ComputeIndicators", "queueTrigger");
        Assert.Equal("indicator-recompute", queue.GetProperty("queueName").GetString());
        Assert.Equal("PipelineStorage", queue.GetProperty("connection").GetString());
        var timer = FunctionsMetadata.Binding(ComputeIndicators.NightlyName, "timerTrigger");
        Assert.Equal("%IndicatorsSchedule%", timer.GetProperty("schedule").GetString());
    }
}
