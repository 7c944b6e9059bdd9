namespace Pipeline.Integration.Tests.Synthetic;

/// <summary>The example uploads in samples/uploads/ do what samples/README.md says they do.</summary>
public class SampleUploadsTests
{
    [Theory]
    [InlineData("harbour-view-care-2026-09-vacancy-return.csv", "harbour-view-care", Datasets.Vacancies, IngestionStatus.Accepted, 5)]
    [InlineData("harbour-view-care-2026-09-exit-interviews.csv", "harbour-view-care", Datasets.Exits, IngestionStatus.Accepted, 3)]
    [InlineData("tamar-valley-nhs-2026-08-vacancy-return-messy.xlsx", "tamar-valley-nhs", Datasets.Vacancies, IngestionStatus.AcceptedWithWarnings, 16)]
    [InlineData("harbour-view-care-2026-09-vacancy-return-bad.csv", "harbour-view-care", Datasets.Vacancies, IngestionStatus.Refused, 3)]
    public async Task Ingest_SampleUpload_HasTheDocumentedOutcome(string file, string partner, string dataset, string status, int rows)
    {
        using var lake = new TestLake();
        await lake.AddPartnerAsync(new Partner(partner, partner, "care_provider", true));

        await using var content = File.OpenRead(Path.Combine(SamplesFolder(), file));
        var record = await lake.Service.IngestAsync(LakePaths.LandingFile(partner, dataset, file), DateTimeOffset.UtcNow, content, CancellationToken.None);

        Assert.Equal(status, record.Status);
        Assert.Equal(rows, record.RowsIn);
    }

    private static string SamplesFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var samples = Path.Combine(dir.FullName, "samples", "uploads");
            if (Directory.Exists(samples))
            {
                return samples;
            }
        }
        throw new DirectoryNotFoundException("samples/uploads not found above the test folder");
    }
}
