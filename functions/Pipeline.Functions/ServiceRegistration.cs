using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pipeline.Azure;
using Pipeline.Core;
using Pipeline.Core.Feeds;
using Pipeline.Core.Ingestion;
using Pipeline.Functions.Http;
using Pipeline.Functions.Indicators;

namespace Pipeline.Functions;

/// <summary>The Function App's composition root: every service the functions are given.</summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddPipelineFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PipelineOptions>().Bind(configuration.GetSection(PipelineOptions.Section));
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<PipelineOptions>>().Value);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IngestionService>();
        services.AddIndicators();
        services.AddPipelineAzureStorage(configuration);
        services.AddSingleton<IIngestionEvents, QueueIngestionEvents>();
        services.AddLabourMarketFeeds(configuration.GetSection(FeedsOptions.Section));
        services.AddServing();
        services.AddReprocessing();
        return services;
    }
}
