using Microsoft.Extensions.DependencyInjection;

namespace Pipeline.Synthetic.Feeds;

/// <summary>
/// The bundled sample responses (samples/feeds): the feeds of its <c>feeds.json</c>, pulled through
/// the real client, resilience handler and parsers, with <see cref="SampleFeedHandler"/> answering
/// instead of the network. Used by <c>pipeline demo</c> and <c>pipeline feeds --samples DIR</c>.
/// </summary>
public static class FeedSamples
{
    public const string ConfigFileName = "feeds.json";

    /// <summary>Replaces the configured feeds with the samples folder's, answered from its files.</summary>
    /// <exception cref="FileNotFoundException">The folder has no <c>feeds.json</c>.</exception>
    public static IServiceCollection UseSampleFeeds(this IServiceCollection services, string samplesFolder)
    {
        var folder = Path.GetFullPath(samplesFolder);
        var configFile = Path.Combine(folder, ConfigFileName);
        if (!File.Exists(configFile))
        {
            throw new FileNotFoundException($"The samples folder {folder} has no {ConfigFileName}", configFile);
        }
        services.UseFeeds(FeedsFile.Read(configFile));
        services.AddHttpClient(FeedHttpClient.ClientName).ConfigurePrimaryHttpMessageHandler(() => new SampleFeedHandler(folder));
        return services;
    }
}
