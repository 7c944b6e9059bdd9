using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Pipeline.Azure;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the storage account named by <paramref name="connectionName"/> (see
    /// <see cref="AzureStorage.Connect(IConfiguration, string)"/>): one client per service for
    /// the whole process, the lake's <see cref="IObjectStore"/> and <see cref="ITableStore"/>, and
    /// <see cref="QueueIngestionEvents"/> telling <c>ComputeIndicators</c> what changed.
    /// The settings are read when the account is first needed, so a misconfigured app fails
    /// with a message naming the missing setting.
    /// </summary>
    public static IServiceCollection AddPipelineAzureStorage(
        this IServiceCollection services, IConfiguration configuration, string connectionName = AzureStorage.DefaultConnectionName) =>
        services.AddPipelineAzureStorage(_ => AzureStorage.Connect(configuration, connectionName));

    /// <summary>The same over an account already connected (the runner's <c>--storage</c> flag).</summary>
    public static IServiceCollection AddPipelineAzureStorage(this IServiceCollection services, AzureStorageAccount account) =>
        services.AddPipelineAzureStorage(_ => account);

    private static IServiceCollection AddPipelineAzureStorage(this IServiceCollection services, Func<IServiceProvider, AzureStorageAccount> account)
    {
        services.AddSingleton(account);
        services.AddSingleton<BlobServiceClient>(provider => provider.GetRequiredService<AzureStorageAccount>().Blobs);
        services.AddSingleton<QueueServiceClient>(provider => provider.GetRequiredService<AzureStorageAccount>().Queues);
        services.AddSingleton<TableServiceClient>(provider => provider.GetRequiredService<AzureStorageAccount>().TableService);
        services.AddSingleton<IObjectStore>(provider => provider.GetRequiredService<AzureStorageAccount>().Objects);
        services.AddSingleton<ITableStore>(provider => provider.GetRequiredService<AzureStorageAccount>().Tables);
        services.AddSingleton<IIngestionEvents, QueueIngestionEvents>();
        return services;
    }
}
