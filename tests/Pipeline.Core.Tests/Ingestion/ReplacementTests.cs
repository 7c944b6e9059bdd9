namespace Pipeline.Core.Tests.Ingestion;

/// <summary>SPEC "Submission rules": duplicates change nothing, newer uploads replace a period, older ones never do.</summary>
public class ReplacementTests
{
    private static readonly Period Month = TestLake.LastMonth;
    private static readonly DateTimeOffset Monday = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Ingest_SameBytesAgain_IsDuplicateAndChangesNothing()
    {
        using var lake = TestLake.ForIngestion();
        var content = Returns.Vacancies(Returns.Row(Month));
        var first = await lake.IngestAsync("return.csv", content, Monday);
        var snapshot = lake.CuratedSnapshot();

        var second = await lake.IngestAsync("return-again.csv", content, Monday.AddHours(1));
        var retry = await lake.IngestAsync("return.csv", content, Monday);

        Assert.Equal(IngestionStatus.Accepted, first.Status);
        Assert.Equal(IngestionStatus.Duplicate, second.Status);
        Assert.Equal((first.Status, first.LandingPath, first.UploadedAt), (retry.Status, retry.LandingPath, retry.UploadedAt));
        Assert.Equal(snapshot, lake.CuratedSnapshot());
        Assert.Equal(2, (await lake.Log.ListAsync(TestLake.Partner, default)).Count);
        Assert.Single(lake.Events.Changes);
    }

    [Fact]
    public async Task Ingest_CorrectedResubmission_ReplacesThatPeriodOnly()
    {
        using var lake = TestLake.ForIngestion();
        var earlier = Month.AddMonths(-1);
        await lake.IngestAsync("two-months.csv", Returns.Vacancies(Returns.Row(earlier), Returns.Row(Month, vacancies: "10")), Monday);

        var corrected = await lake.IngestAsync("corrected.csv", Returns.Vacancies(Returns.Row(Month, vacancies: "7.5")), Monday.AddDays(1));

        Assert.Equal(IngestionStatus.Accepted, corrected.Status);
        var month = await lake.ReadCuratedAsync<VacancyRecord>(Datasets.Vacancies, Month);
        Assert.Equal(7.5, Assert.Single(month).VacanciesFte);
        Assert.Single(await lake.ReadCuratedAsync<VacancyRecord>(Datasets.Vacancies, earlier));
        Assert.Single(lake.CuratedSnapshot(), f => f.Key.Contains($"period={Month}", StringComparison.Ordinal));
        Assert.Equal([Month], lake.Events.Changes.Last().Periods);
    }

    [Fact]
    public async Task Ingest_RepeatedReplacements_AReaderPollingSeesExactlyOnePartEveryTime()
    {
        using var lake = TestLake.ForIngestion();
        await lake.IngestAsync("v0.csv", Returns.Vacancies(Returns.Row(Month, vacancies: "0")), Monday);
        var reader = new Pipeline.Core.Indicators.CuratedLakeReader(lake.Objects);

        var replacing = Task.Run(async () =>
        {
            for (var i = 1; i <= 8; i++)
            {
                var record = await lake.IngestAsync($"v{i}.csv", Returns.Vacancies(Returns.Row(Month, vacancies: $"{i}")), Monday.AddHours(i));
                Assert.Equal(IngestionStatus.Accepted, record.Status);
            }
        });
        var polls = 0;
        while (!replacing.IsCompleted || polls++ == 0)
        {
            var partition = Assert.Single(await reader.ListPartitionsAsync(Datasets.Vacancies, default));
            Assert.Single(partition.Parts);
        }
        await replacing;

        Assert.Equal(8, Assert.Single(await lake.ReadCuratedAsync<VacancyRecord>(Datasets.Vacancies, Month)).VacanciesFte);
    }

    [Fact]
    public async Task Ingest_OlderUploadProcessedLater_DoesNotOverwriteNewer()
    {
        using var lake = TestLake.ForIngestion();
        var newer = await lake.IngestAsync("newer.csv", Returns.Vacancies(Returns.Row(Month, vacancies: "4")), Monday.AddDays(2));
        var snapshot = lake.CuratedSnapshot();

        var older = await lake.IngestAsync("older.csv", Returns.Vacancies(Returns.Row(Month, vacancies: "9")), Monday);

        Assert.Equal(IngestionStatus.Accepted, newer.Status);
        Assert.Equal(IngestionStatus.Accepted, older.Status);
        Assert.Equal([Month.ToString()], older.SupersededPeriods);
        Assert.Equal(snapshot, lake.CuratedSnapshot());
        Assert.Equal(4, Assert.Single(await lake.ReadCuratedAsync<VacancyRecord>(Datasets.Vacancies, Month)).VacanciesFte);
        using var report = await lake.ReportAsync(older);
        Assert.Contains("newer upload", report.RootElement.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_RefusedResubmission_LeavesAcceptedDataInPlace()
    {
        using var lake = TestLake.ForIngestion();
        await lake.IngestAsync("good.csv", Returns.Vacancies(Returns.Row(Month)), Monday);
        var snapshot = lake.CuratedSnapshot();

        var refused = await lake.IngestAsync("bad.csv", Returns.Vacancies(Returns.Row(Month, vacancies: "-1")), Monday.AddDays(1));

        Assert.Equal(IngestionStatus.Refused, refused.Status);
        Assert.Equal(snapshot, lake.CuratedSnapshot());
    }

    [Fact]
    public async Task Ingest_SameBytesUnderTwoNamesAtOnce_TheOriginalOwnsEveryMonth()
    {
        Period[] months = [Month.AddMonths(-2), Month.AddMonths(-1), Month];
        var content = Returns.Vacancies(months.Select(month => Returns.Row(month)).ToArray());
        // Side by side, the two copies interleave differently from round to round.
        for (var round = 0; round < 10; round++)
        {
            using var lake = TestLake.ForIngestion();

            var records = await Task.WhenAll(
                lake.IngestAsync("q3.csv", content, Monday),
                lake.IngestAsync("q3-again.csv", content, Monday.AddMinutes(1)));

            var original = Assert.Single(records, record => record.Status == IngestionStatus.Accepted);
            Assert.Single(records, record => record.Status == IngestionStatus.Duplicate);
            foreach (var month in months)
            {
                var row = Assert.Single(await lake.ReadCuratedAsync<VacancyRecord>(Datasets.Vacancies, month));
                Assert.Equal(original.UploadedAt.UtcDateTime, row.UploadedAt);
            }
        }
    }

    [Fact]
    public async Task Ingest_SameUploadConcurrently_PublishesOnePart()
    {
        using var lake = TestLake.ForIngestion();
        var uploads = Enumerable.Range(0, 4).Select(i =>
            lake.IngestAsync($"racer-{i}.csv", Returns.Vacancies(Returns.Row(Month, vacancies: $"{i + 1}")), Monday.AddMinutes(i)));

        await Task.WhenAll(uploads);

        var rows = await lake.ReadCuratedAsync<VacancyRecord>(Datasets.Vacancies, Month);
        Assert.Equal(4, Assert.Single(rows).VacanciesFte);
    }
}
