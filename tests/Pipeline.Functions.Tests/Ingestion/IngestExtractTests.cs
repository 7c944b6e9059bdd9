using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Functions.Indicators;
using Pipeline.Functions.Ingestion;

namespace Pipeline.Functions.Tests.Ingestion;

/// <summary>The blob trigger invoked directly, with the upload a real blob in Azurite.</summary>
public sealed class IngestExtractTests() : LakeTests(TestLake.ForIngestion())
{
    private const string Partner = TestLake.Partner;

    [Fact]
    public async Task RunAsync_ValidUpload_AcceptedWithBlobCreationTimeAsUploadTime()
    {
        var blob = await UploadAsync("return.csv", ValidReturn());
        var objects = Lake.Objects;
        var function = Lake.Function<IngestExtract>();

        await function.RunAsync(blob, Partner, Datasets.Vacancies, "return.csv", default);

        var record = Assert.Single(await Lake.Log.ListAsync(Partner, default));
        Assert.Equal(IngestionStatus.Accepted, record.Status);
        Assert.Equal((await blob.GetPropertiesAsync()).Value.CreatedOn, record.UploadedAt);
        Assert.Equal("landing/nhs-north/vacancies/return.csv", record.LandingPath);
        Assert.Single(await objects.ListAsync(LakePaths.CuratedDataset(Datasets.Vacancies), default).ToListAsync());
    }

    [Fact]
    public async Task RunAsync_StorageKeepsFailing_RetriedThenQuarantinedNotPoisoned()
    {
        var blob = await UploadAsync("return.csv", ValidReturn());
        var objects = new CuratedZoneUnreachable(Lake.Objects);
        var function = Function(objects);

        for (var attempt = 1; attempt < IngestionService.MaxAttempts; attempt++)
        {
            await Assert.ThrowsAsync<IngestionFailedException>(() => function.RunAsync(blob, Partner, Datasets.Vacancies, "return.csv", default));
        }
        await function.RunAsync(blob, Partner, Datasets.Vacancies, "return.csv", default);

        var record = Assert.Single(await Lake.Log.ListAsync(Partner, default));
        Assert.Equal(IngestionStatus.Failed, record.Status);
        Assert.Equal(IngestionService.MaxAttempts, record.Attempts);
        Assert.NotNull(await objects.GetInfoAsync(LakePaths.QuarantineFolder(Partner, Datasets.Vacancies, record.Sha256) + "report.json", default));
        Assert.NotNull(await objects.GetInfoAsync(record.RawPath!, default));
    }

    [Fact]
    public async Task RunAsync_PublishADeadInstanceLeftPartWay_CompletedBeforeTheNextUpload()
    {
        using var lake = TestLake.ForIngestion(now: DateTimeOffset.UtcNow);
        var months = new[] { TestLake.LastMonth.AddMonths(-1), TestLake.LastMonth };
        await DeadInstance.DiesMidPublishAsync(lake, "two-months.csv", Returns.Vacancies(Returns.Row(months[0]), Returns.Row(months[1])));
        Assert.Equal(new[] { 1, 0 }, await PartnerRowsAsync(lake, months));
        var next = await UploadAsync("return.csv", ValidReturn(), TestLake.OtherPartner);

        await lake.Function<IngestExtract>().RunAsync(next, TestLake.OtherPartner, Datasets.Vacancies, "return.csv", default);

        Assert.Equal(new[] { 1, 1 }, await PartnerRowsAsync(lake, months));
        Assert.Equal(IngestionStatus.Accepted, Assert.Single(await lake.Log.ListAsync(Partner, default)).Status);
        Assert.Equal(IngestionStatus.Accepted, Assert.Single(await lake.Log.ListAsync(TestLake.OtherPartner, default)).Status);
    }

    [Fact]
    public async Task RunAsync_UploadPublishedButNeverRecomputed_AnnouncedByTheNextUploadAndGetsItsIndicators()
    {
        using var lake = TestLake.ForIngestion(now: DateTimeOffset.UtcNow);
        await DeadInstance.DiesBeforeAnnouncingAsync(lake, "return.csv", ValidReturn());
        // The next upload is for a month whose recompute does not reach the dead instance's: only recovery can compute it.
        var next = await UploadAsync("old-month.csv", ValidReturn(monthsBack: 14), TestLake.OtherPartner);

        await lake.Function<IngestExtract>().RunAsync(next, TestLake.OtherPartner, Datasets.Vacancies, "old-month.csv", default);
        foreach (var change in lake.Events.Changes)
        {
            await lake.Function<ComputeIndicators>().RunAsync(CuratedChangeMessage.Write(change), default);
        }

        Assert.Contains(lake.Events.Changes, change => change.Partner == Partner && change.Periods.SequenceEqual([TestLake.LastMonth]));
        var indicators = await lake.ReadOutputAsync(TestLake.LastMonth.ToString());
        Assert.NotNull(indicators.Find("vacancy_rate", ScopeTypes.Partnership, "all"));
    }

    [Fact]
    public void Metadata_BlobTrigger_IsEventGridSourcedOnLanding()
    {
        var binding = FunctionsMetadata.Binding(nameof(IngestExtract), "blobTrigger");
        Assert.Equal("landing/{partner}/{dataset}/{name}", binding.GetProperty("path").GetString());
        Assert.Equal("PipelineStorage", binding.GetProperty("connection").GetString());
        Assert.Equal("EventGrid", binding.GetProperty("source").GetString());
    }

    private IngestExtract Function(IObjectStore objects) =>
        ActivatorUtilities.CreateInstance<IngestExtract>(TestServices.Over(objects, Lake.Tables).BuildServiceProvider());

    private static async Task<BlobClient> UploadAsync(string name, string content, string partner = Partner)
    {
        var connection = Environment.GetEnvironmentVariable("PIPELINE_TEST_STORAGE")
            ?? throw new InvalidOperationException("PIPELINE_TEST_STORAGE is not set: run the tests with ./test.sh, which starts Azurite.");
        var container = new BlobContainerClient(connection, LakePaths.Landing);
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient($"{partner}/vacancies/{Guid.NewGuid():N}-{name}");
        await blob.UploadAsync(BinaryData.FromString(content), overwrite: true);
        return blob;
    }

    private static string ValidReturn(int monthsBack = 1)
    {
        var month = Period.Of(DateTimeOffset.UtcNow).AddMonths(-monthsBack);
        return $"period,role,staff_in_post_fte,staff_in_post_headcount,vacancies_fte,starters,leavers\n{month},Staff Nurse,10,11,1,0,1\n{month},HCA,5,5,0,1,0\n";
    }

    /// <summary>How many curated rows the partner has in each month.</summary>
    private static async Task<int[]> PartnerRowsAsync(TestLake lake, IEnumerable<Period> months)
    {
        var counts = new List<int>();
        foreach (var month in months)
        {
            counts.Add((await lake.ReadCuratedAsync<VacancyRecord>(Datasets.Vacancies, month)).Count);
        }
        return [.. counts];
    }
}
