using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Azure;
using Pipeline.Functions.Indicators;
using Pipeline.Functions.Ingestion;
using Xunit.Abstractions;

namespace Pipeline.Reliability.Tests;

/// <summary>
/// The load tests run alone, so the CPU time and memory they report are theirs (the figures are
/// reported, never asserted: the machine is shared).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoadCollection
{
    public const string Name = "load";
}

/// <summary>
/// Issue 9, load: a month-end of 200 partners, each uploading its month at once, through
/// <c>pipeline process --parallel</c>. Every upload must have its log row and report, every
/// partition one part, and the curated rows and indicators must be those of the same uploads
/// ingested one after the other (<see cref="FaultFreeRun"/>). Throughput and peak memory go into
/// the summary. The long mode's returns are bigger (1,500 rows each instead of 6).
/// </summary>
[Collection(LoadCollection.Name)]
public sealed class LoadTests(ITestOutputHelper output) : IDisposable
{
    public const int Partners = 200;

    /// <summary>Sites per return; each has three roles, so a return has three times as many rows.</summary>
    public static int Sites => ReliabilityMode.IsLong ? 500 : 2;

    private const int Parallel = 4;

    private readonly string _folder = Directory.CreateTempSubdirectory("reliability-load-").FullName;

    [Fact]
    public async Task Process_TwoHundredPartnersAtOnce_EndAsTheSequentialRunWithEveryReport()
    {
        var uploads = Uploads.MonthEnd("load", Partners, Sites);
        var expected = await FaultFreeRun.OfAsync(uploads, uploads.Select(upload => upload.Partner));
        var rows = uploads.Sum(upload => Encoding.UTF8.GetString(upload.Content).Count(c => c == '\n') - 1);

        var problems = new List<string>();
        var figures = new List<string>();
        int lost = 0, duplicated = 0, partial = 0, twoParts = 0, unhandled = 0;
        foreach (var parallel in new[] { 1, Parallel })
        {
            var lake = await RunnerLake.CreateAsync(Path.Combine(_folder, $"parallel-{parallel}"), uploads.Select(upload => upload.Partner));
            foreach (var upload in uploads)
            {
                var landing = Path.Combine(lake.Folder, LakePaths.LandingFile(upload.Partner, Datasets.Vacancies, upload.FileName));
                Directory.CreateDirectory(Path.GetDirectoryName(landing)!);
                await File.WriteAllBytesAsync(landing, upload.Content);
                File.SetLastWriteTimeUtc(landing, upload.UploadedAt.UtcDateTime);
            }

            using var runner = RunnerProcess.Start("process", "--parallel", parallel.ToString(CultureInfo.InvariantCulture), "--quiet", "--lake", lake.Folder);
            var waiting = runner.WaitAsync(RunnerLake.RunLimit);
            var (peakBytes, cpu) = await ProcessUsage.OfChildAsync(runner.Id, waiting);
            var run = await waiting;
            if (run.ExitCode != 0)
            {
                problems.Add($"--parallel {parallel}: exit {run.ExitCode}: {run.Output}");
            }

            var state = await LakeState.ReadAsync(lake.Objects, default);
            var (runLost, runDuplicated) = state.CompareRows(expected.Curated);
            var indicators = IndicatorState.Differences(await IndicatorState.ReadAsync(lake.Tables, default), expected.Indicators);
            var withoutOutcome = await LogChecks.UploadsWithoutOutcomeAsync(lake.Objects, lake.Tables, uploads, default);
            var partitions = state.Partitions.Count;
            lost += runLost + indicators + Math.Max(0, Partners - partitions);
            duplicated += runDuplicated;
            partial += state.PartialUploads(expected.Curated, uploads);
            twoParts += state.PartitionsWithTwoParts;
            unhandled += withoutOutcome + (run.ExitCode != 0 ? 1 : 0);
            if (runLost + runDuplicated + indicators + withoutOutcome + state.PartitionsWithTwoParts > 0 || partitions != Partners)
            {
                problems.Add($"--parallel {parallel}: {runLost} rows lost, {runDuplicated} extra, {indicators} indicator rows differ, " +
                    $"{withoutOutcome} uploads without outcome, {partitions} partitions, {state.PartitionsWithTwoParts} with two parts");
            }
            figures.Add(string.Create(CultureInfo.InvariantCulture,
                $"--parallel {parallel}: {Partners / run.Elapsed.TotalSeconds:F1} uploads/s ({rows / run.Elapsed.TotalSeconds:F0} rows/s) wall, {cpu.TotalSeconds:F1} s CPU, peak {peakBytes / 1024 / 1024} MB"));
        }

        output.WriteLine(ReliabilitySummary.Record(new SummaryLine("load: runner", Partners, "uploads", lost, duplicated, partial, twoParts, unhandled,
            $"{rows:N0} rows; {string.Join("; ", figures)}")));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

/// <summary>
/// Issue 9, load through the Function App: the same month-end of 200 partners, each upload a blob
/// in the test command's Azurite (<c>PIPELINE_TEST_STORAGE</c>), all 200 given to the blob-triggered
/// <see cref="IngestExtract"/> at once over the Function App's registration (<c>AddPipeline</c> +
/// <c>AddPipelineAzureStorage</c>). That Azurite is shared with the other test projects, so the
/// partners are this run's own, the checks read only their partitions and partner-scope
/// indicators, and the curated changes are collected in process instead of put on the shared
/// recompute queue (another test peeks at it), then run through <see cref="ComputeIndicators"/>.
/// </summary>
[Collection(LoadCollection.Name)]
public sealed class FunctionLoadTests(ITestOutputHelper output)
{
    [Fact]
    public async Task IngestExtract_TwoHundredPartnersAtOnce_EndAsTheSequentialRunWithEveryReport()
    {
        var connection = Environment.GetEnvironmentVariable("PIPELINE_TEST_STORAGE") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("PIPELINE_TEST_STORAGE is not set: run the tests with ./test.sh, which starts Azurite.");
        var prefix = $"fn{Guid.NewGuid():N}"[..8];
        var changes = new ConcurrentQueue<CuratedChange>();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [AzureStorage.DefaultConnectionName] = connection }).Build();
        await using var services = new ServiceCollection()
            .AddPipeline(configuration)
            .AddPipelineAzureStorage(configuration)
            .AddSingleton(new PipelineOptions { PseudonymisationKey = Convert.ToBase64String(Encoding.UTF8.GetBytes("reliability-key-of-at-least-32-bytes")) })
            .AddSingleton<IIngestionEvents>(new CollectingEvents(changes))
            .BuildServiceProvider();
        var account = services.GetRequiredService<AzureStorageAccount>();
        var registry = services.GetRequiredService<PartnerRegistry>();
        var landed = new List<(Upload Upload, BlobClient Blob)>();
        var container = account.Blobs.GetBlobContainerClient(LakePaths.Landing);
        await container.CreateIfNotExistsAsync();
        foreach (var upload in Uploads.MonthEnd(prefix, LoadTests.Partners, LoadTests.Sites))
        {
            await registry.SaveAsync(new Partner(upload.Partner, upload.Partner, "nhs_trust", true), default);
            var blob = container.GetBlobClient($"{upload.Partner}/{Datasets.Vacancies}/{upload.FileName}");
            await blob.UploadAsync(new BinaryData(upload.Content), overwrite: true);
            landed.Add((upload with { UploadedAt = (await blob.GetPropertiesAsync()).Value.CreatedOn }, blob));
        }
        var uploads = landed.Select(item => item.Upload).ToList();
        var partners = uploads.Select(upload => upload.Partner).ToHashSet(StringComparer.Ordinal);
        var expected = await FaultFreeRun.OfAsync(uploads, partners);
        var rows = uploads.Sum(upload => Encoding.UTF8.GetString(upload.Content).Count(c => c == '\n') - 1);

        var function = ActivatorUtilities.CreateInstance<IngestExtract>(services);
        var failures = new ConcurrentQueue<string>();
        var wall = Stopwatch.StartNew();
        var (heapGrowth, cpu) = await ProcessUsage.InProcessAsync(() => Task.WhenAll(landed.Select(async item =>
        {
            try
            {
                await function.RunAsync(item.Blob, item.Upload.Partner, Datasets.Vacancies, item.Upload.FileName, default);
            }
            catch (Exception e)
            {
                failures.Enqueue($"{item.Upload}: {e.GetType().Name} {e.Message}");
            }
        })));
        wall.Stop();
        // The queue would deliver one message per upload, all for the same month: their recomputes are the same one.
        foreach (var change in changes.DistinctBy(change => (change.Dataset, string.Join(',', change.Periods))))
        {
            await ActivatorUtilities.CreateInstance<ComputeIndicators>(services).RunAsync(CuratedChangeMessage.Write(change), default);
        }

        var state = await LakeState.ReadAsync(account.Objects, default, partners);
        var (lost, duplicated) = state.CompareRows(expected.Curated);
        var indicators = IndicatorState.Differences(
            IndicatorState.OfPartners(await IndicatorState.ReadAsync(account.Tables, default), partners), IndicatorState.OfPartners(expected.Indicators, partners));
        var withoutOutcome = await LogChecks.UploadsWithoutOutcomeAsync(account.Objects, account.Tables, uploads, default);
        var missingPartitions = Math.Max(0, LoadTests.Partners - state.Partitions.Count);
        output.WriteLine(ReliabilitySummary.Record(new SummaryLine("load: Function App", LoadTests.Partners, "uploads", lost + indicators + missingPartitions, duplicated,
            state.PartialUploads(expected.Curated, uploads), state.PartitionsWithTwoParts, failures.Count + withoutOutcome,
            string.Create(CultureInfo.InvariantCulture,
                $"{rows:N0} rows, 200 at once on Azurite: {LoadTests.Partners / wall.Elapsed.TotalSeconds:F1} uploads/s ({rows / wall.Elapsed.TotalSeconds:F0} rows/s) wall, {cpu.TotalSeconds:F1} s CPU in process, managed heap +{heapGrowth / 1024 / 1024} MB at peak"))));
        Assert.True(failures.IsEmpty, string.Join("\n", failures));
        Assert.Equal((0, 0, 0, 0, 0, 0), (lost, duplicated, indicators, withoutOutcome, missingPartitions, state.PartitionsWithTwoParts));
    }

    /// <summary>The curated changes, collected from the 200 ingestions at once.</summary>
    private sealed class CollectingEvents(ConcurrentQueue<CuratedChange> changes) : IIngestionEvents
    {
        public Task CuratedChangedAsync(CuratedChange change, CancellationToken cancellationToken)
        {
            changes.Enqueue(change);
            return Task.CompletedTask;
        }
    }
}
