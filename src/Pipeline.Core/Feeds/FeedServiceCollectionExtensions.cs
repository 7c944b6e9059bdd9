using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace Pipeline.Core.Feeds;

public static class FeedServiceCollectionExtensions
{
    /// <summary>
    /// The feeds service and its typed HTTP client with the resilience handler (one pipeline, so one
    /// circuit breaker, per feed). <paramref name="feedsSection"/> holds <c>Feeds</c> and <c>FeedHttp</c>:
    /// the <c>Pipeline</c> section of app settings. Part of <c>AddPipeline</c>. The HTTP client's
    /// default request logging is removed: it would write request URLs, whose query may hold the API key.
    /// </summary>
    public static IHttpClientBuilder AddLabourMarketFeeds(this IServiceCollection services, IConfiguration feedsSection)
    {
        services.AddOptions<FeedsOptions>().Bind(feedsSection);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CuratedFeedWriter>();
        services.TryAddSingleton<FeedStateStore>();
        services.AddTransient<LabourMarketFeeds>();
        var client = services.AddHttpClient<FeedHttpClient>(FeedHttpClient.ClientName, http => http.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
        client.AddResilienceHandler(FeedResilience.PipelineName, (builder, context) =>
                FeedResilience.Configure(builder, context.ServiceProvider.GetRequiredService<IOptions<FeedsOptions>>().Value.FeedHttp))
            .SelectPipelineBy(_ => FeedHttpClient.PipelineKeyOf);
        return client;
    }

    /// <summary>
    /// Pulls the feeds (and uses the HTTP settings) of a feeds file (<see cref="FeedsFile"/>) instead of
    /// the configured ones: <c>pipeline feeds --config FILE</c> and the bundled samples.
    /// </summary>
    public static IServiceCollection UseFeeds(this IServiceCollection services, FeedsOptions feeds) =>
        services.Configure<FeedsOptions>(options =>
        {
            options.Feeds = feeds.Feeds;
            options.FeedHttp = feeds.FeedHttp;
        });
}
