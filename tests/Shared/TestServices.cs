using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Core;
using Pipeline.Core.Ingestion;
using Pipeline.Core.Storage;

namespace Pipeline.Tests.Shared;

/// <summary>The pipeline's services as the hosts build them (<c>AddPipeline</c>), over a test's own stores.</summary>
public static class TestServices
{
    public static IServiceCollection Over(IObjectStore objects, ITableStore tables, IIngestionEvents? events = null) =>
        new ServiceCollection()
            .AddPipeline(new ConfigurationBuilder().Build())
            .AddSingleton(objects)
            .AddSingleton(tables)
            .AddSingleton(events ?? new NoIngestionEvents());
}

/// <summary>Nobody listening: for tests that look at the lake, not at the indicators.</summary>
public sealed class NoIngestionEvents : IIngestionEvents
{
    public Task CuratedChangedAsync(CuratedChange change, CancellationToken cancellationToken) => Task.CompletedTask;
}
