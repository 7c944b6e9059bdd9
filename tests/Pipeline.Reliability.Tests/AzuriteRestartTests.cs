using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Azure;
using Xunit.Abstractions;

namespace Pipeline.Reliability.Tests;

/// <summary>
/// Issue 9, the storage service itself going away: uploads are ingested through the Azure adapters
/// (the real registration, <c>AddPipelineAzureStorage</c>: blobs, tables, the recompute queue) into
/// an Azurite of the test's own that persists to disk. Once some uploads are in, Azurite is stopped
/// (SIGTERM) with an ingestion in flight, then started again on the same ports and folder. The
/// uploads without a final log row are retried as the blob trigger would retry them, after what the
/// trigger does first (<see cref="PublishRecovery"/>), and the queue's messages are recomputed as
/// <c>ComputeIndicators</c> does. The lake must then be the fault-free run's.
/// </summary>
public sealed class AzuriteRestartTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RetryLimit = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Ingest_AzuriteStoppedAndRestartedMidRun_EndsAsTheFaultFreeRun()
    {
        var uploads = Uploads.MultiPeriodSet().Concat(Uploads.MonthEnd("restart", partners: 8, sites: 2)).ToList();
        var partners = Uploads.Partners.Union(uploads.Select(upload => upload.Partner)).ToList();
        var expected = await FaultFreeRun.OfAsync(uploads, partners);
        await using var azurite = await AzuriteProcess.StartAsync();
        var account = AzureStorage.Connect(azurite.ConnectionString);
        var clock = new ShiftingClock();
        await using var services = TestServices.Pipeline()
            .AddPipelineAzureStorage(account)
            .AddSingleton(new PipelineOptions { PseudonymisationKey = Convert.ToBase64String(Encoding.UTF8.GetBytes("reliability-key-of-at-least-32-bytes")) })
            .AddSingleton<TimeProvider>(clock)
            .BuildServiceProvider();
        var registry = services.GetRequiredService<PartnerRegistry>();
        foreach (var partner in partners)
        {
            await registry.SaveAsync(new Partner(partner, partner, "nhs_trust", true), default);
        }
        var ingestion = services.GetRequiredService<IngestionService>();

        // First run: the uploads one after the other, until storage goes away.
        var unhandled = new List<string>();
        var completed = 0;
        var stopping = false;
        var interrupted = new List<string>();
        var firstRun = Task.Run(async () =>
        {
            foreach (var upload in uploads)
            {
                try
                {
                    await IngestAsync(ingestion, upload, default);
                    Interlocked.Increment(ref completed);
                }
                catch (Exception e) when (Volatile.Read(ref stopping))
                {
                    interrupted.Add($"{upload}: {e.GetType().Name}");
                    return;
                }
                catch (Exception e)
                {
                    unhandled.Add($"{upload} before the stop: {e.GetType().Name} {e.Message}");
                    return;
                }
            }
        });
        while (Volatile.Read(ref completed) < 3 && !firstRun.IsCompleted)
        {
            await Task.Delay(10);
        }
        var inBeforeStop = Volatile.Read(ref completed);
        Volatile.Write(ref stopping, true);
        var down = Stopwatch.StartNew();
        await azurite.StopAsync();
        await firstRun;
        await azurite.StartAgainAsync();
        var downFor = down.Elapsed;
        Assert.True(inBeforeStop < uploads.Count, "every upload was in before Azurite stopped: nothing was interrupted");

        // The retry, later: past the leases the interrupted attempt left. Recovery first, as the trigger does.
        clock.Advance(ReliabilityLake.LongestLease);
        using var limit = new CancellationTokenSource(RetryLimit);
        var log = services.GetRequiredService<IngestionLog>();
        var retried = 0;
        try
        {
            await services.GetRequiredService<PublishRecovery>().RecoverAsync(limit.Token);
            foreach (var upload in uploads)
            {
                if (await log.FindAsync(upload.Partner, Datasets.Vacancies, upload.Sha256, limit.Token) is null or { Status: IngestionStatus.Failed })
                {
                    retried++;
                    await IngestAsync(ingestion, upload, limit.Token);
                }
            }
            await RecomputeQueuedChangesAsync(account, services.GetRequiredService<IndicatorRecomputer>(), limit.Token);
        }
        catch (Exception e)
        {
            unhandled.Add($"after the restart: {e.GetType().Name} {e.Message}");
        }

        var state = await LakeState.ReadAsync(account.Objects, default);
        var (lost, duplicated) = state.CompareRows(expected.Curated);
        var staleIndicators = IndicatorState.Differences(await IndicatorState.ReadAsync(account.Tables, default), expected.Indicators);
        var withoutOutcome = await LogChecks.UploadsWithoutOutcomeAsync(account.Objects, account.Tables, uploads, default);
        var partial = state.PartialUploads(expected.Curated, uploads);
        output.WriteLine(ReliabilitySummary.Record(new SummaryLine("Azurite restart", 1, "SIGTERM stops", lost + staleIndicators, duplicated, partial,
            state.PartitionsWithTwoParts, unhandled.Count + withoutOutcome,
            string.Create(CultureInfo.InvariantCulture,
                $"{uploads.Count} uploads, stopped after {inBeforeStop} ({string.Join(", ", interrupted.DefaultIfEmpty("the one in flight got through on the SDK's retries"))}), down {downFor.TotalSeconds:F1} s, {retried} retried"))));
        Assert.True(unhandled.Count == 0, string.Join("\n", unhandled));
        Assert.Equal((0, 0, 0, 0, 0, 0), (lost, staleIndicators, duplicated, partial, state.PartitionsWithTwoParts, withoutOutcome));
    }

    private static async Task IngestAsync(IngestionService ingestion, Upload upload, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(upload.Content);
        await ingestion.IngestAsync(LakePaths.LandingFile(upload.Partner, Datasets.Vacancies, upload.FileName), upload.UploadedAt, content, cancellationToken);
    }

    /// <summary>Every message on the recompute queue, recomputed as <c>ComputeIndicators</c> does and then deleted.</summary>
    private static async Task RecomputeQueuedChangesAsync(AzureStorageAccount account, IndicatorRecomputer recomputer, CancellationToken cancellationToken)
    {
        var queue = account.Queues.GetQueueClient(CuratedChangeMessage.QueueName);
        while (true)
        {
            var messages = (await queue.ReceiveMessagesAsync(maxMessages: 32, cancellationToken: cancellationToken)).Value;
            if (messages.Length == 0)
            {
                return;
            }
            foreach (var message in messages)
            {
                await recomputer.RecomputeAsync(CuratedChangeMessage.Parse(message.MessageText), cancellationToken);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            }
        }
    }
}
