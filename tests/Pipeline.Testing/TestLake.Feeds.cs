using Microsoft.Extensions.DependencyInjection;

namespace Pipeline.Testing;

/// <summary>The lake as the feed tests use it: the feeds service pulled as the Function App wires it.</summary>
public sealed partial class TestLake
{
    /// <summary>A lake whose feeds are answered by <paramref name="server"/> instead of the network.</summary>
    public static TestLake ForFeeds(FeedServer server) => new(services: services => services.UseFeedServer(server));

    /// <summary>Delays of milliseconds so retries run fast; a Retry-After header still sets its own wait.</summary>
    public static FeedHttpOptions FastHttp() => new()
    {
        BaseDelay = TimeSpan.FromMilliseconds(5),
        MaxDelay = TimeSpan.FromSeconds(3),
        AttemptTimeout = TimeSpan.FromSeconds(10),
        TotalTimeout = TimeSpan.FromSeconds(30),
        MaxRetryAttempts = 3,
    };

    /// <summary>Pulls these feeds with these HTTP settings, in a container of its own (so each pull has fresh circuit breakers).</summary>
    public async Task<FeedRunSummary> PullAsync(FeedHttpOptions http, params FeedOptions[] feeds)
    {
        await using var provider = Registration().UseFeeds(new FeedsOptions { Feeds = [.. feeds], FeedHttp = http }).BuildServiceProvider();
        return await provider.GetRequiredService<LabourMarketFeeds>().PullConfiguredAsync(CancellationToken.None);
    }

    public Task<FeedRunSummary> PullAsync(params FeedOptions[] feeds) => PullAsync(FastHttp(), feeds);
}

/// <summary>Where the test data are: the bundled samples and the team's real samples, copied beside the tests by the csproj.</summary>
public static class FeedTestFiles
{
    public static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "SampleFeeds", name);

    /// <summary>A file of tests/fixtures/real-samples (see its SOURCES.md).</summary>
    public static string Real(string name) => Path.Combine(AppContext.BaseDirectory, "RealSamples", name);
}
