using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Azure;
using Pipeline.Core.Ingestion;
using Pipeline.Core.Storage;

namespace Pipeline.Functions.Tests;

public class ServiceRegistrationTests
{
    [Fact]
    public void AddPipelineFunctions_PipelineStorageConnectionString_UsesAzureStoresAndTheQueue()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["PipelineStorage"] = "UseDevelopmentStorage=true" })
            .Build();

        using var provider = new ServiceCollection().AddPipelineFunctions(configuration).BuildServiceProvider();

        Assert.IsType<BlobObjectStore>(provider.GetRequiredService<IObjectStore>());
        Assert.IsType<AzureTableStore>(provider.GetRequiredService<ITableStore>());
        Assert.IsType<QueueIngestionEvents>(provider.GetRequiredService<IIngestionEvents>());
        Assert.Same(provider.GetRequiredService<IIngestionEvents>(), provider.GetRequiredService<IIngestionEvents>());
    }
}
