using Microsoft.Extensions.DependencyInjection;
using Pipeline.Core.Curated;
using Pipeline.Core.Feeds;
using Pipeline.Core.Lake;
using Pipeline.Core.Storage.Local;
using Pipeline.Tests.Shared;

namespace Pipeline.Core.Tests.Feeds;

/// <summary>A local folder lake in a temp folder, and the feeds service wired as the Function App wires it.</summary>
public sealed class FeedTestLake : IDisposable
{
    public FeedTestLake()
    {
        Root = Path.Combine(Path.GetTempPath(), $"feeds-test-{Guid.NewGuid():N}");
        Objects = new LocalObjectStore(Root);
        Tables = new SqliteTableStore(Path.Combine(Root, "_tables"));
    }

    public string Root { get; }
    public LocalObjectStore Objects { get; }
    public SqliteTableStore Tables { get; }

    /// <summary>Delays of milliseconds so retries run fast; a Retry-After header still sets its own wait.</summary>
    public static FeedHttpOptions FastHttp() => new()
    {
        BaseDelay = TimeSpan.FromMilliseconds(5),
        MaxDelay = TimeSpan.FromSeconds(3),
        AttemptTimeout = TimeSpan.FromSeconds(10),
        TotalTimeout = TimeSpan.FromSeconds(30),
        MaxRetryAttempts = 3,
    };

    public async Task<FeedRunSummary> PullAsync(FeedHttpOptions http, params FeedOptions[] feeds)
    {
        await using var provider = Services().UseFeeds(new FeedsOptions { Feeds = [.. feeds], FeedHttp = http }).BuildServiceProvider();
        return await provider.GetRequiredService<LabourMarketFeeds>().PullConfiguredAsync(CancellationToken.None);
    }

    public Task<FeedRunSummary> PullAsync(params FeedOptions[] feeds) => PullAsync(FastHttp(), feeds);

    /// <summary>The pipeline's services over this lake, for a test to add its feeds to.</summary>
    public IServiceCollection Services() => TestServices.Over(Objects, Tables);

    /// <summary>Every file under a lake folder with its content hash: a snapshot to compare.</summary>
    public IReadOnlyDictionary<string, string> Snapshot(string zoneFolder)
    {
        var folder = Path.Combine(Root, zoneFolder);
        return !Directory.Exists(folder)
            ? new Dictionary<string, string>()
            : Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .ToDictionary(file => Path.GetRelativePath(Root, file),
                    file => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file))) + File.GetLastWriteTimeUtc(file).Ticks);
    }

    /// <summary>Every row of a table (or of one partition) with its version and values: a snapshot to compare.</summary>
    public async Task<IReadOnlyDictionary<string, string>> TableSnapshotAsync(string table, string? partitionKey = null)
    {
        var rows = new Dictionary<string, string>();
        await foreach (var row in Tables.QueryAsync(table, partitionKey, CancellationToken.None))
        {
            rows.Add($"{row.PartitionKey}/{row.RowKey}", row.ETag + System.Text.Json.JsonSerializer.Serialize(row.Values));
        }
        return rows;
    }

    public async Task<List<T>> ReadCuratedAsync<T>(string dataset) where T : class, new()
    {
        var rows = new List<T>();
        await foreach (var info in Objects.ListAsync(LakePaths.CuratedDataset(dataset), CancellationToken.None))
        {
            await using var stream = await Objects.OpenReadAsync(info.Path, CancellationToken.None);
            await foreach (var row in ParquetFiles.ReadAsync<T>(stream, CancellationToken.None))
            {
                rows.Add(row);
            }
        }
        return rows;
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}

/// <summary>Where the test data are: the bundled samples and the team's real samples.</summary>
public static class FeedTestFiles
{
    public static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "SampleFeeds", name);

    /// <summary>A file of tests/fixtures/real-samples (see its SOURCES.md), copied beside the tests by the csproj.</summary>
    public static string Real(string name) => Path.Combine(AppContext.BaseDirectory, "RealSamples", name);
}
