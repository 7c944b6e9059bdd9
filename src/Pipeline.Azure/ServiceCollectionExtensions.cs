using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Core.Storage;

namespace Pipeline.Azure;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the storage account named by <paramref name="connectionName"/> (see
    /// <see cref="AzureStorage.Connect(IConfiguration, string)"/>): one client per service for
    /// the whole process, and the lake's <see cref="IObjectStore"/> and <see cref="ITableStore"/>.
    /// The settings are read when the account is first needed, so a misconfigured app fails
    /// with a message naming the missing setting.
    /// </summary>
    public static IServiceCollection AddPipelineAzureStorage(
        this IServiceCollection services, IConfiguration configuration, string connectionName = AzureStorage.DefaultConnectionName)
    {
        services.AddSingleton(_ => AzureStorage.Connect(configuration, connectionName));
        services.AddSingleton<BlobServiceClient>(provider => provider.GetRequiredService<AzureStorageAccount>().Blobs);
        services.AddSingleton<QueueServiceClient>(provider => provider.GetRequiredService<AzureStorageAccount>().Queues);
        services.AddSingleton<TableServiceClient>(provider => provider.GetRequiredService<AzureStorageAccount>().TableService);
        services.AddSingleton<IObjectStore>(provider => provider.GetRequiredService<AzureStorageAccount>().Objects);
        services.AddSingleton<ITableStore>(provider => provider.GetRequiredService<AzureStorageAccount>().Tables);
        return services;
    }
}
