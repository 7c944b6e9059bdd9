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
    /// the <c>Pipeline</c> section of app settings, or the root of a feeds file. The HTTP client's
    /// default request logging is removed: it would write request URLs, whose query may hold the API key.
    /// </summary>
    public static IHttpClientBuilder AddLabourMarketFeeds(this IServiceCollection services, IConfiguration feedsSection)
    {
        services.AddOptions<FeedsOptions>().Bind(feedsSection);
        return AddFeedServices(services);
    }

    /// <summary>The same services, with the feeds of a feeds file (<see cref="FeedsFile"/>).</summary>
    public static IHttpClientBuilder AddLabourMarketFeeds(this IServiceCollection services, FeedsOptions feeds)
    {
        services.AddSingleton(Options.Create(feeds));
        return AddFeedServices(services);
    }

    private static IHttpClientBuilder AddFeedServices(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddTransient<LabourMarketFeeds>();
        var client = services.AddHttpClient<FeedHttpClient>(http => http.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
        client.AddResilienceHandler(FeedResilience.PipelineName, (builder, context) =>
                FeedResilience.Configure(builder, context.ServiceProvider.GetRequiredService<IOptions<FeedsOptions>>().Value.FeedHttp))
            .SelectPipelineBy(_ => FeedHttpClient.PipelineKeyOf);
        return client;
    }
}
