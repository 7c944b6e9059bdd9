using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Azure;

namespace Pipeline.Integration.Tests.Storage;

public class AzureStorageRegistrationTests
{
    [Fact]
    public void AddPipelineAzureStorage_ConnectionString_RegistersOneClientPerServiceAndTheStores()
    {
        using var provider = Provider(new() { ["PipelineStorage"] = Azurite.ConnectionString });

        Assert.Same(provider.GetRequiredService<BlobServiceClient>(), provider.GetRequiredService<BlobServiceClient>());
        Assert.Same(provider.GetRequiredService<TableServiceClient>(), provider.GetRequiredService<TableServiceClient>());
        Assert.Same(provider.GetRequiredService<QueueServiceClient>(), provider.GetRequiredService<QueueServiceClient>());
        Assert.IsType<BlobObjectStore>(provider.GetRequiredService<IObjectStore>());
        Assert.IsType<AzureTableStore>(provider.GetRequiredService<ITableStore>());
        Assert.Equal("devstoreaccount1", provider.GetRequiredService<BlobServiceClient>().AccountName);
    }

    [Fact]
    public async Task AddPipelineAzureStorage_ConnectionString_StoresReachTheAccount()
    {
        using var provider = Provider(new() { ["PipelineStorage"] = Azurite.ConnectionString });
        var table = $"t{Guid.NewGuid():N}";
        var tables = provider.GetRequiredService<ITableStore>();

        await tables.UpsertAsync(table, new TableRow("p", "r", new Dictionary<string, string?> { ["v"] = "1" }), CancellationToken.None);

        var direct = await Azurite.Connect().TableService.GetTableClient(table)
            .GetEntityAsync<TableEntity>("p", "r", cancellationToken: CancellationToken.None);
        Assert.Equal("1", direct.Value.GetString("v"));
    }

    [Fact]
    public void AddPipelineAzureStorage_IdentitySettings_PointsEachClientAtItsServiceUri()
    {
        using var provider = Provider(new()
        {
            ["PipelineStorage:blobServiceUri"] = "https://lakeacct.blob.core.windows.net",
            ["PipelineStorage:queueServiceUri"] = "https://lakeacct.queue.core.windows.net",
            ["PipelineStorage:tableServiceUri"] = "https://lakeacct.table.core.windows.net",
            ["PipelineStorage:credential"] = "managedidentity",
            ["PipelineStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        });

        Assert.Equal(new Uri("https://lakeacct.blob.core.windows.net"), provider.GetRequiredService<BlobServiceClient>().Uri);
        Assert.Equal(new Uri("https://lakeacct.queue.core.windows.net"), provider.GetRequiredService<QueueServiceClient>().Uri);
        Assert.Equal(new Uri("https://lakeacct.table.core.windows.net"), provider.GetRequiredService<TableServiceClient>().Uri);
        Assert.Equal("lakeacct", provider.GetRequiredService<AzureStorageAccount>().AccountName);
    }

    [Fact]
    public void AddPipelineAzureStorage_NoSettings_FailsNamingTheMissingSetting()
    {
        using var provider = Provider(new() { ["PipelineStorage:blobServiceUri"] = "https://lakeacct.blob.core.windows.net" });

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IObjectStore>());
        Assert.Contains("PipelineStorage:queueServiceUri", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddPipelineAzureStorage(configuration).BuildServiceProvider();
    }
}
