using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pipeline.Core;
using Pipeline.Core.Indicators;
using Pipeline.Core.Ingestion;
using Pipeline.Core.Partners;
using Pipeline.Core.Serving;

namespace Pipeline.Functions;

/// <summary>The Function App's composition root: every service the functions are given.</summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddPipelineFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PipelineOptions>().Bind(configuration.GetSection(PipelineOptions.Section));
        services.TryAddSingleton<IndicatorStore>();
        services.TryAddSingleton<IngestionLog>();
        services.TryAddSingleton<PartnerRegistry>();
        services.AddSingleton<IndicatorsQuery>();
        services.AddSingleton<SubmissionsQuery>();
        services.AddSingleton<PartnerIngestionsQuery>();
        return services;
    }
}
