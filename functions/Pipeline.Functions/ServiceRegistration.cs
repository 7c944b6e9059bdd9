using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Core;
using Pipeline.Functions.Http;

namespace Pipeline.Functions;

/// <summary>The Function App's composition root: every service the functions are given.</summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddPipelineFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PipelineOptions>().Bind(configuration.GetSection(PipelineOptions.Section));
        services.AddServing();
        return services;
    }
}
