using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Azure;

namespace Pipeline.Functions.Tests;

public class ServiceRegistrationTests
{
    [Fact]
    public void AddPipelineWithAzureStorage_PipelineStorageConnectionString_UsesAzureStoresAndTheQueue()
    {
        using var provider = FunctionAppServices();

        Assert.IsType<BlobObjectStore>(provider.GetRequiredService<IObjectStore>());
        Assert.IsType<AzureTableStore>(provider.GetRequiredService<ITableStore>());
        Assert.IsType<QueueIngestionEvents>(provider.GetRequiredService<IIngestionEvents>());
        Assert.Same(provider.GetRequiredService<IIngestionEvents>(), provider.GetRequiredService<IIngestionEvents>());
    }

    /// <summary>The worker activates function classes from the container: every one of them must resolve.</summary>
    [Fact]
    public void AddPipelineWithAzureStorage_EveryFunctionClass_Resolves()
    {
        using var provider = FunctionAppServices();
        var functions = typeof(Pipeline.Functions.Ingestion.IngestExtract).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods().Where(method => method.GetCustomAttribute<FunctionAttribute>() is not null))
            .ToList();

        Assert.True(functions.Count >= 8, $"Only {functions.Count} functions found");
        foreach (var type in functions.Select(function => function.DeclaringType!).Distinct())
        {
            Assert.NotNull(ActivatorUtilities.CreateInstance(provider, type));
        }
    }

    /// <summary>What the Function App's Program.cs registers, over the storage emulator.</summary>
    private static ServiceProvider FunctionAppServices()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["PipelineStorage"] = "UseDevelopmentStorage=true" })
            .Build();
        return new ServiceCollection().AddPipeline(configuration).AddPipelineAzureStorage(configuration).BuildServiceProvider();
    }
}
