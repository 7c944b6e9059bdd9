namespace Pipeline.Core.Tests.Ingestion.Publishing;

/// <summary>The newest upload of a partition wins, whatever order the uploads are published in.</summary>
public sealed class CuratedPublisherTests : IDisposable
{
    private const string Partner = "nhs-north";
    private static readonly Period Month = new(2026, 3);
    private static readonly DateTimeOffset Monday = new(2026, 4, 6, 9, 0, 0, TimeSpan.Zero);
    private readonly TestLake _lake = new();

    public void Dispose() => _lake.Dispose();

    private static string Sha(char c) => new(c, 64);

    private async Task<PublishOutcome> PublishAsync(char sha, DateTimeOffset uploadedAt)
    {
        var staged = Path.Combine(Directory.CreateDirectory(Path.Combine(_lake.Root, "staged")).FullName, sha.ToString());
        await File.WriteAllTextAsync(staged, $"rows of upload {sha}");
        return await _lake.Get<CuratedPublisher>().PublishAsync(Datasets.Vacancies, Partner, Month, Sha(sha), uploadedAt, staged, CancellationToken.None);
    }

    /// <summary>The partition's visible parts, each with what it holds.</summary>
    private async Task<List<(string Path, string Content)>> PartsAsync()
    {
        var parts = new List<(string, string)>();
        await foreach (var part in _lake.Objects.ListAsync(LakePaths.CuratedPartition(Datasets.Vacancies, Month.ToString(), Partner), CancellationToken.None))
        {
            await using var stream = await _lake.Objects.OpenReadAsync(part.Path, CancellationToken.None);
            parts.Add((part.Path, await new StreamReader(stream, Encoding.UTF8).ReadToEndAsync()));
        }
        return parts;
    }

    private static (string, string) Part(char sha) =>
        (LakePaths.CuratedPart(Datasets.Vacancies, Month.ToString(), Partner, Sha(sha)), $"rows of upload {sha}");

    [Fact]
    public async Task PublishAsync_FirstUpload_IsThePartitionsOnePart()
    {
        Assert.Equal(PublishOutcome.Published, await PublishAsync('a', Monday));

        Assert.Equal([Part('a')], await PartsAsync());
    }

    [Fact]
    public async Task PublishAsync_NewerUpload_ReplacesTheOlderPart()
    {
        await PublishAsync('a', Monday);

        Assert.Equal(PublishOutcome.Published, await PublishAsync('b', Monday.AddHours(1)));
        Assert.Equal([Part('b')], await PartsAsync());
    }

    [Fact]
    public async Task PublishAsync_OlderUploadProcessedLater_IsSupersededAndChangesNothing()
    {
        await PublishAsync('b', Monday.AddHours(1));

        Assert.Equal(PublishOutcome.Superseded, await PublishAsync('a', Monday));
        Assert.Equal([Part('b')], await PartsAsync());
    }

    [Fact]
    public async Task PublishAsync_SameUploadTime_TheLargerShaWins()
    {
        await PublishAsync('b', Monday);

        Assert.Equal(PublishOutcome.Superseded, await PublishAsync('a', Monday));
        Assert.Equal(PublishOutcome.Published, await PublishAsync('c', Monday));
        Assert.Equal([Part('c')], await PartsAsync());
    }

    [Fact]
    public async Task PublishAsync_SameUploadAgain_IsAlreadyPublishedAndPutsBackAMissingPart()
    {
        await PublishAsync('a', Monday);
        await _lake.Objects.DeleteAsync(Part('a').Item1, CancellationToken.None);

        Assert.Equal(PublishOutcome.AlreadyPublished, await PublishAsync('a', Monday));
        Assert.Equal([Part('a')], await PartsAsync());
    }

    [Fact]
    public async Task PublishAsync_PartLeftByACrash_IsRemovedByTheNextPublish()
    {
        await PublishAsync('a', Monday);
        using var leftOver = new MemoryStream(Encoding.UTF8.GetBytes("rows of a crashed publish"));
        await _lake.Objects.WriteAsync(LakePaths.CuratedPart(Datasets.Vacancies, Month.ToString(), Partner, Sha('f')), leftOver, CancellationToken.None);

        Assert.Equal(PublishOutcome.Published, await PublishAsync('b', Monday.AddHours(1)));
        Assert.Equal([Part('b')], await PartsAsync());
    }
}
