using System.Security.Cryptography;
using Pipeline.Runner;
using Xunit.Abstractions;

namespace Pipeline.Reliability.Tests;

/// <summary>
/// Issue 9, the poison path, from outside: an upload that fails for a reason other than its content
/// (the curated zone cannot be written: storage down) is retried a bounded number of times, then
/// quarantined with the cause; once storage is back, one <c>pipeline requeue</c> processes it.
/// </summary>
public sealed class PoisonPathTests(ITestOutputHelper output) : IDisposable
{
    private static readonly DateTimeOffset UploadedAt = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("reliability-poison-").FullName;

    [Fact]
    public async Task Ingest_StorageDown_IsQuarantinedAfterBoundedRetriesAndRequeueProcessesIt()
    {
        var lake = await RunnerLake.CreateAsync(_folder);
        var content = $"{Uploads.Header}\n{Uploads.Row(Uploads.LastMonth, "registered_nurse", 6)}\n";
        var file = Path.Combine(_folder, "march.csv");
        await File.WriteAllTextAsync(file, content);
        // Storage down for the curated zone: a file where its folder should be, so nothing can be written under it.
        var blocker = Path.Combine(lake.Folder, LakePaths.Curated);
        await File.WriteAllTextAsync(blocker, "storage down");

        var runs = 0;
        IngestionRecord? record = null;
        while (runs < IngestionService.MaxAttempts + 2 && record is not { Status: IngestionStatus.Failed, Attempts: >= IngestionService.MaxAttempts })
        {
            var run = await lake.IngestAsync(file, UploadedAt);
            runs++;
            Assert.True(run.ExitCode == RunnerApp.UsageOrSystemError, run.Output);
            record = await new IngestionLog(lake.Tables).FindAsync(RunnerLake.Partner, Datasets.Vacancies, Sha256(content), default);
        }
        output.WriteLine($"quarantined after {runs} runs: {record?.Message}");
        Assert.NotNull(record);
        Assert.Equal(IngestionStatus.Failed, record.Status);
        Assert.True(runs <= IngestionService.MaxAttempts, $"{runs} runs before the upload was quarantined");
        Assert.Contains("(DirectoryNotFoundException)", record.Message); // the cause: no folder could be made under the blocked zone
        Assert.NotNull(await lake.Objects.GetInfoAsync(LakePaths.QuarantineFolder(RunnerLake.Partner, Datasets.Vacancies, record.Sha256) + "report.json", default));

        File.Delete(blocker);
        var requeued = await RunnerProcess.RunAsync(RunnerLake.RunLimit, "requeue", record.LandingPath, "--lake", lake.Folder);

        Assert.True(requeued.ExitCode == 0, requeued.Output);
        var after = await new IngestionLog(lake.Tables).FindAsync(RunnerLake.Partner, Datasets.Vacancies, record.Sha256, default);
        Assert.Equal(IngestionStatus.Accepted, after!.Status);
        Assert.Equal(1, after.Attempts);
        Assert.Equal(1, lake.Parts());
        Assert.NotEmpty(await IndicatorState.ReadAsync(lake.Tables, default));
    }

    [Fact]
    public async Task Requeue_UploadNotQuarantined_SaysSoAndExitsTwo()
    {
        var lake = await RunnerLake.CreateAsync(_folder);

        var requeued = await RunnerProcess.RunAsync(RunnerLake.RunLimit, "requeue", "landing/nhs-north/vacancies/never.csv", "--lake", lake.Folder);

        Assert.Equal(RunnerApp.UsageOrSystemError, requeued.ExitCode);
        Assert.Contains("No quarantined upload", requeued.Output);
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
