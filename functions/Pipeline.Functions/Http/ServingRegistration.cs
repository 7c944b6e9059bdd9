using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pipeline.Core.Access;
using Pipeline.Core.Indicators;
using Pipeline.Core.Ingestion;
using Pipeline.Core.Partners;
using Pipeline.Core.Serving;

namespace Pipeline.Functions.Http;

public static class ServingRegistration
{
    /// <summary>
    /// The core queries behind the HTTP functions and who may see what (<c>Pipeline:Access</c>).
    /// Needs an <c>ITableStore</c> registered by the storage setup.
    /// </summary>
    public static IServiceCollection AddServing(this IServiceCollection services)
    {
        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section);
        services.TryAddSingleton(provider => provider.GetRequiredService<IOptions<AccessOptions>>().Value);
        services.TryAddSingleton<IndicatorStore>();
        services.TryAddSingleton<IngestionLog>();
        services.TryAddSingleton<PartnerRegistry>();
        services.TryAddSingleton<CallerResolver>();
        services.TryAddSingleton<HttpCallers>();
        services.TryAddSingleton<ServingAccess>();
        services.TryAddSingleton<IndicatorsQuery>();
        services.TryAddSingleton<SubmissionsQuery>();
        services.TryAddSingleton<PartnerIngestionsQuery>();
        return services;
    }
}
