using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
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
        var function = new IngestExtract(Lake.Service);

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
        var objects = new CuratedWritesFail(Lake.Objects);
        var function = new IngestExtract(Service(objects));

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
    public void Metadata_BlobTrigger_IsEventGridSourcedOnLanding()
    {
        var binding = FunctionsMetadata.Binding(nameof(IngestExtract), "blobTrigger");
        Assert.Equal("landing/{partner}/{dataset}/{name}", binding.GetProperty("path").GetString());
        Assert.Equal("PipelineStorage", binding.GetProperty("connection").GetString());
        Assert.Equal("EventGrid", binding.GetProperty("source").GetString());
    }

    private IngestionService Service(IObjectStore objects) =>
        TestServices.Over(objects, Lake.Tables).BuildServiceProvider().GetRequiredService<IngestionService>();

    private static async Task<BlobClient> UploadAsync(string name, string content)
    {
        var connection = Environment.GetEnvironmentVariable("PIPELINE_TEST_STORAGE")
            ?? throw new InvalidOperationException("PIPELINE_TEST_STORAGE is not set: run the tests with ./test.sh, which starts Azurite.");
        var container = new BlobContainerClient(connection, LakePaths.Landing);
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient($"{Partner}/vacancies/{Guid.NewGuid():N}-{name}");
        await blob.UploadAsync(BinaryData.FromString(content), overwrite: true);
        return blob;
    }

    private static string ValidReturn()
    {
        var month = Period.Of(DateTimeOffset.UtcNow).AddMonths(-1);
        return $"period,role,staff_in_post_fte,staff_in_post_headcount,vacancies_fte,starters,leavers\n{month},Staff Nurse,10,11,1,0,1\n{month},HCA,5,5,0,1,0\n";
    }

    /// <summary>Fault injection: the lake's curated zone is unreachable, everything else works.</summary>
    private sealed class CuratedWritesFail(IObjectStore inner) : IObjectStore
    {
        public Task<ObjectInfo?> GetInfoAsync(string path, CancellationToken cancellationToken) => inner.GetInfoAsync(path, cancellationToken);
        public Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken) => inner.OpenReadAsync(path, cancellationToken);
        public Task<bool> TryCreateAsync(string path, Stream content, CancellationToken cancellationToken) => inner.TryCreateAsync(path, content, cancellationToken);
        public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);
        public Task DeleteAsync(string path, CancellationToken cancellationToken) => inner.DeleteAsync(path, cancellationToken);

        public Task WriteAsync(string path, Stream content, CancellationToken cancellationToken) =>
            path.StartsWith(LakePaths.Curated + "/", StringComparison.Ordinal)
                ? throw new IOException("The curated container is unreachable.")
                : inner.WriteAsync(path, content, cancellationToken);

        public Task WriteReplacingAsync(string path, string replaced, Stream content, CancellationToken cancellationToken) =>
            path.StartsWith(LakePaths.Curated + "/", StringComparison.Ordinal)
                ? throw new IOException("The curated container is unreachable.")
                : inner.WriteReplacingAsync(path, replaced, content, cancellationToken);
    }
}
