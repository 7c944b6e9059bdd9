using Microsoft.Extensions.DependencyInjection;
using Pipeline.Core.Storage;

namespace Pipeline.Core.Feeds;

/// <summary>
/// The bundled sample responses (samples/feeds): the feeds of its <c>feeds.json</c>, pulled through
/// the real client, resilience handler and parsers, with <see cref="SampleFeedHandler"/> answering
/// instead of the network. Used by <c>pipeline demo</c> and <c>pipeline feeds --samples DIR</c>.
/// </summary>
public static class FeedSamples
{
    public const string ConfigFileName = "feeds.json";

    public static async Task<FeedRunSummary> PullFromSamplesAsync(IObjectStore objects, ITableStore tables, string samplesFolder, CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(samplesFolder);
        var configFile = Path.Combine(folder, ConfigFileName);
        if (!File.Exists(configFile))
        {
            throw new FileNotFoundException($"The samples folder {folder} has no {ConfigFileName}", configFile);
        }
        var services = new ServiceCollection().AddLogging().AddSingleton(objects).AddSingleton(tables);
        services.AddLabourMarketFeeds(FeedsFile.Read(configFile)).ConfigurePrimaryHttpMessageHandler(() => new SampleFeedHandler(folder));
        await using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<LabourMarketFeeds>().PullConfiguredAsync(cancellationToken);
    }
}
