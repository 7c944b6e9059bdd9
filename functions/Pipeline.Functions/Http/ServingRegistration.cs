using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pipeline.Core.Indicators;
using Pipeline.Core.Ingestion;
using Pipeline.Core.Mappings;
using Pipeline.Core.Partners;
using Pipeline.Core.Serving;

namespace Pipeline.Functions.Http;

public static class ServingRegistration
{
    /// <summary>The core queries behind the HTTP functions. Needs an <c>ITableStore</c> registered by the storage setup.</summary>
    public static IServiceCollection AddServing(this IServiceCollection services)
    {
        services.TryAddSingleton<IndicatorStore>();
        services.TryAddSingleton<IngestionLog>();
        services.TryAddSingleton<PartnerRegistry>();
        services.TryAddSingleton<IndicatorsQuery>();
        services.TryAddSingleton<SubmissionsQuery>();
        services.TryAddSingleton<PartnerIngestionsQuery>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MappingStore>();
        services.TryAddSingleton<UnmappedLog>();
        services.TryAddSingleton<UnmappedQuery>();
        return services;
    }

    /// <summary>The coordinators' reprocess call. Needs the <see cref="IngestionService"/> of the Function App.</summary>
    public static IServiceCollection AddReprocessing(this IServiceCollection services)
    {
        services.TryAddSingleton<IngestionLog>();
        services.TryAddSingleton<Reprocessing>();
        services.TryAddSingleton<ReprocessRequest>();
        return services;
    }
}
