using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Pipeline.Functions.Tests;

/// <summary>
/// A Function App instance that dies part-way through an upload: the pipeline's services over the
/// test's lake, with one fault that stops the work where a killed instance's stops. Then the lake's
/// clock passes the instance's lease, so what it left (its publish intent) is abandoned, as a dead
/// instance's is once its lease runs out. Its host would retry the upload; the tests ask what the
/// next trigger of another upload, or the nightly timer, makes of it.
/// </summary>
public static class DeadInstance
{
    /// <summary>Publishes the first period of a multi-period upload, then loses the curated container.</summary>
    public static Task DiesMidPublishAsync(TestLake lake, string fileName, string content) =>
        IngestAndDieAsync(lake, fileName, content, services => services.AddSingleton<IObjectStore>(new CuratedZoneUnreachable(lake.Objects, writesBeforeLoss: 1)));

    /// <summary>Publishes every period, then dies before the curated change reaches the recompute queue.</summary>
    public static Task DiesBeforeAnnouncingAsync(TestLake lake, string fileName, string content) =>
        IngestAndDieAsync(lake, fileName, content, services => services.AddSingleton<IIngestionEvents>(new QueueLost()));

    private static async Task IngestAndDieAsync(TestLake lake, string fileName, string content, Action<IServiceCollection> fault)
    {
        var services = lake.Registration();
        fault(services);
        await using (var instance = services.BuildServiceProvider())
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content));
            await Assert.ThrowsAsync<IngestionFailedException>(() => instance.GetRequiredService<IngestionService>()
                .IngestAsync(LakePaths.LandingFile(TestLake.Partner, Datasets.Vacancies, fileName), lake.Time.GetUtcNow(), stream, CancellationToken.None));
        }
        ((FakeTimeProvider)lake.Time).Advance(LeaseRenewal.Length + TimeSpan.FromSeconds(1));
    }

    private sealed class QueueLost : IIngestionEvents
    {
        public Task CuratedChangedAsync(CuratedChange change, CancellationToken cancellationToken) =>
            throw new IOException("The recompute queue is unreachable.");
    }
}
