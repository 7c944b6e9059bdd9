using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Pipeline.Testing;

/// <summary>The pipeline's services as the hosts build them (<c>AddPipeline</c>), for a test to add its lake to.</summary>
public static class TestServices
{
    /// <summary>The pipeline's registration with empty settings and nobody listening to curated changes.</summary>
    public static IServiceCollection Pipeline()
    {
        var services = new ServiceCollection().AddPipeline(new ConfigurationBuilder().Build());
        services.TryAddSingleton<IIngestionEvents, NoIngestionEvents>();
        return services;
    }

    /// <summary>Over a test's own stores (e.g. ones that inject faults), where <see cref="TestLake"/>'s folder lake will not do.</summary>
    public static IServiceCollection Over(IObjectStore objects, ITableStore tables, IIngestionEvents? events = null) =>
        Pipeline()
            .AddSingleton(objects)
            .AddSingleton(tables)
            .AddSingleton(events ?? new NoIngestionEvents());
}

/// <summary>Nobody listening: for tests that look at the lake, not at the indicators.</summary>
public sealed class NoIngestionEvents : IIngestionEvents
{
    public Task CuratedChangedAsync(CuratedChange change, CancellationToken cancellationToken) => Task.CompletedTask;
}
