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
