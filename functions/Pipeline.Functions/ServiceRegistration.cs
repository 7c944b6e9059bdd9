using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pipeline.Core;
using Pipeline.Core.Ingestion;
using Pipeline.Functions.Indicators;
using Pipeline.Functions.Http;

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
        services.AddServing();
        return services;
    }
}
