using Microsoft.Extensions.DependencyInjection;
using Pipeline.Synthetic.Feeds;

namespace Pipeline.Core.Tests.Synthetic.Feeds;

public sealed class FeedSamplesTests : IDisposable
{
    private readonly TestLake _lake = new();

    private Task<FeedRunSummary> PullAsync() => PullAsync(Path.Combine(AppContext.BaseDirectory, "SampleFeeds"));

    private async Task<FeedRunSummary> PullAsync(string samplesFolder)
    {
        await using var provider = _lake.Registration().UseSampleFeeds(samplesFolder).BuildServiceProvider();
        return await provider.GetRequiredService<LabourMarketFeeds>().PullConfiguredAsync(CancellationToken.None);
    }

    [Fact]
    public async Task PullFromSamplesAsync_FirstPull_UpdatesEveryBundledFeed()
    {
        var summary = await PullAsync();

        Assert.Equal([FeedKinds.NomisClaimants, FeedKinds.AdzunaPostings, FeedKinds.NhsVacancyStatistics], summary.Feeds.Select(f => f.Kind));
        Assert.All(summary.Feeds, feed => Assert.Equal(FeedOutcome.Updated, feed.Outcome));
        var postings = await _lake.ReadCuratedAsync<PostingRecord>(Datasets.LmiPostings);
        Assert.Equal(postings.Count, postings.Select(p => p.PostingId).Distinct().Count());
        Assert.Contains(postings, p => p.Title == "Senior Carer" && p.Role == "senior_care_worker");
        Assert.Contains(postings, p => p.Role is null);
    }

    [Fact]
    public async Task PullFromSamplesAsync_SecondPull_IsUnchanged()
    {
        await PullAsync();

        var summary = await PullAsync();

        Assert.All(summary.Feeds, feed => Assert.Equal(FeedOutcome.Unchanged, feed.Outcome));
    }

    [Fact]
    public async Task PullFromSamplesAsync_FolderWithoutFeedsFile_Throws() =>
        await Assert.ThrowsAsync<FileNotFoundException>(() => PullAsync(_lake.Root));

    public void Dispose() => _lake.Dispose();
}
