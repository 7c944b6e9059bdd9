using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Pipeline.Core;

/// <summary>
/// The one composition root of the pipeline's services, shared by the Function App, the runner and
/// the tests. A host adds a lake (<see cref="AddLocalLake"/>, or Pipeline.Azure's
/// <c>AddPipelineAzureStorage</c>) and an <see cref="IIngestionEvents"/> (the Azure storage
/// registration queues a message; the runner recomputes in process).
/// </summary>
public static class PipelineServiceCollectionExtensions
{
    /// <summary>The folder of a local lake that holds its keyed tables.</summary>
    public const string LocalLakeTablesFolder = "_tables";

    /// <summary>
    /// Settings (<c>Pipeline</c> section), the clock, ingestion, indicators, labour-market feeds and the
    /// serving queries, every service a singleton built from its constructor's parameters.
    /// </summary>
    public static IServiceCollection AddPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLogging();
        services.AddOptions<PipelineOptions>().Bind(configuration.GetSection(PipelineOptions.Section));
        services.TryAddSingleton(provider => provider.GetRequiredService<IOptions<PipelineOptions>>().Value);
        services.TryAddSingleton(TimeProvider.System);

        // The lake's keyed tables.
        services.TryAddSingleton<PartnerRegistry>();
        services.TryAddSingleton<IngestionLog>();
        services.TryAddSingleton<IndicatorStore>();
        services.TryAddSingleton<FeedStateStore>();
        services.TryAddSingleton<MappingStore>();
        services.TryAddSingleton<UnmappedLog>();

        services.TryAddSingleton<PublishIntents>();
        services.TryAddSingleton<CuratedPublisher>();
        services.TryAddSingleton<PublishRecovery>();
        services.TryAddSingleton<IngestionService>();
        services.TryAddSingleton<Reprocessing>();

        services.TryAddSingleton<CuratedLakeReader>();
        services.TryAddSingleton<IndicatorEngine>();
        services.TryAddSingleton<IndicatorOutput>();
        services.TryAddSingleton<PeriodCommitGate>();
        services.TryAddSingleton<IndicatorRecomputer>();

        services.AddLabourMarketFeeds(configuration.GetSection(FeedsOptions.Section));

        // Who may see what (Pipeline:Access), then the serving queries that ask it.
        services.AddOptions<AccessOptions>().Bind(configuration.GetSection(AccessOptions.Section));
        services.TryAddSingleton(provider => provider.GetRequiredService<IOptions<AccessOptions>>().Value);
        services.TryAddSingleton<CallerResolver>();
        services.TryAddSingleton<ServingAccess>();
        services.TryAddSingleton<IndicatorsQuery>();
        services.TryAddSingleton<SubmissionsQuery>();
        services.TryAddSingleton<PartnerIngestionsQuery>();
        services.TryAddSingleton<UnmappedQuery>();
        services.TryAddSingleton<ReprocessRequest>();

        // The partners' uploads; a host that ingests in process (pipeline serve) replaces the processing.
        services.TryAddSingleton<IUploadProcessing, BlobTriggerProcessesUploads>();
        services.TryAddSingleton<PartnerUploads>();
        services.TryAddSingleton<MyUploadsQuery>();
        services.TryAddSingleton<ReportsQuery>();
        return services;
    }

    /// <summary>A lake in a local folder: zones as subfolders, the keyed tables under <c>_tables</c>.</summary>
    public static IServiceCollection AddLocalLake(this IServiceCollection services, string folder)
    {
        var root = Path.GetFullPath(folder);
        services.AddSingleton<IObjectStore>(new LocalObjectStore(root));
        services.AddSingleton<ITableStore>(new SqliteTableStore(Path.Combine(root, LocalLakeTablesFolder)));
        return services;
    }
}
