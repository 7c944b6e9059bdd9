using Xunit.Abstractions;

namespace Pipeline.Reliability.Tests;

/// <summary>
/// Issue 9, from outside: <c>pipeline ingest</c> of a 300,000-row, 120-month return is killed with
/// SIGKILL at five points, watched for in the lake folder as an operator would see them, then run
/// again. The re-run must exit 0, leave all 120 months and the indicators exactly as a clean run
/// does, and never wait for a lease: the dead process's leases are taken over at once (the re-run
/// logs every lease wait, and none may appear).
/// </summary>
public sealed class RunnerKillTests(ITestOutputHelper output) : IDisposable
{
    private const int Months = 120;
    private const int RowsPerMonth = 2_500;

    /// <summary>The re-run logs each lease it has to wait for (<see cref="PartitionLock"/>; the runner shows warnings only by default).</summary>
    private static readonly Dictionary<string, string> LeaseWaitsLogged = new()
    {
        [$"Logging__LogLevel__{typeof(CuratedPublisher).FullName}"] = "Information",
    };

    private const string LeaseWait = "Waiting for the lease";

    private static readonly DateTimeOffset UploadedAt = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("reliability-kill-").FullName;

    /// <summary>Each point: what the lake folder shows when the process is killed.</summary>
    private static readonly (string Name, Func<RunnerLake, bool> Reached)[] KillPoints =
    [
        ("raw copy written", lake => lake.Files(LakePaths.Raw).Count > 0),
        ("1st month published", lake => lake.Parts() >= 1),
        ("60 of 120 months published", lake => lake.Parts() >= 60),
        ("119 of 120 months published", lake => lake.Parts() >= 119),
        ("indicators being written", lake => lake.Files(LakePaths.Indicators).Count > 0),
    ];

    [Fact]
    public async Task Ingest_KilledAtFivePoints_RerunExitsZeroWithEveryMonthExactAndNoLeaseWait()
    {
        var upload = Path.Combine(_folder, "ten-years.csv");
        await File.WriteAllTextAsync(upload, TenYearReturn());

        var cleanLake = await RunnerLake.CreateAsync(Path.Combine(_folder, "clean"));
        var (clean, folderWindow) = await IngestMeasuringFolderWindowAsync(cleanLake, upload);
        Assert.True(clean.ExitCode == 0, clean.Output);
        var expected = await LakeState.ReadAsync(cleanLake.Objects, default);
        var expectedIndicators = await IndicatorState.ReadAsync(cleanLake.Tables, default);
        Assert.Equal(Months, expected.Partitions.Count);
        output.WriteLine($"clean run: {clean.Elapsed.TotalSeconds:F1} s; a folder scan saw the upload partly published for {folderWindow.TotalSeconds:F2} s");

        var failures = new List<string>();
        var slowest = TimeSpan.Zero;
        foreach (var (name, reached) in KillPoints)
        {
            var lake = await RunnerLake.CreateAsync(Path.Combine(_folder, string.Concat(name.Split(' '))));
            using (var killed = RunnerProcess.Start(lake.IngestArguments(upload, UploadedAt)))
            {
                while (!reached(lake) && !killed.HasExited)
                {
                    await Task.Delay(1);
                }
                if (killed.HasExited)
                {
                    failures.Add($"{name}: the run ended before the point was reached");
                    continue;
                }
                await killed.KillAsync();
            }
            var partsAtKill = lake.Parts();
            var rerun = await RunnerProcess.RunAsync(RunnerLake.RunLimit, LeaseWaitsLogged, lake.IngestArguments(upload, UploadedAt));
            slowest = rerun.Elapsed > slowest ? rerun.Elapsed : slowest;
            var state = await LakeState.ReadAsync(lake.Objects, default);
            var (lost, duplicated) = state.CompareRows(expected);
            var indicatorsDiffering = IndicatorState.Differences(await IndicatorState.ReadAsync(lake.Tables, default), expectedIndicators);
            output.WriteLine($"{name}: killed with {partsAtKill} months visible; re-run exit {rerun.ExitCode} in {rerun.Elapsed.TotalSeconds:F1} s");
            var leaseWaits = rerun.Output.Split('\n').Count(line => line.Contains(LeaseWait, StringComparison.Ordinal));
            if (rerun.ExitCode != 0 || state.Partitions.Count != Months || lost + duplicated + state.PartitionsWithTwoParts + indicatorsDiffering + leaseWaits > 0)
            {
                failures.Add($"{name}: exit {rerun.ExitCode}, {state.Partitions.Count} months, {lost} rows lost, {duplicated} doubled, " +
                    $"{state.PartitionsWithTwoParts} with two parts, {indicatorsDiffering} indicator rows differing, {leaseWaits} lease waits, " +
                    $"re-run {rerun.Elapsed.TotalSeconds:F1} s against a clean {clean.Elapsed.TotalSeconds:F1} s\n{rerun.Output}");
            }
        }

        output.WriteLine(ReliabilitySummary.Record(new SummaryLine("runner SIGKILL", KillPoints.Length, "kills", 0, 0, 0, 0, failures.Count,
            $"300,000 rows, 120 months; clean {clean.Elapsed.TotalSeconds:F1} s (folder scans saw it part-published {folderWindow.TotalSeconds:F2} s), slowest re-run {slowest.TotalSeconds:F1} s")));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>The run, and how long a reader scanning the folders saw some but not all of its months (from the first part seen to the last).</summary>
    private static async Task<((int ExitCode, string Output, TimeSpan Elapsed) Run, TimeSpan Window)> IngestMeasuringFolderWindowAsync(RunnerLake lake, string upload)
    {
        using var runner = RunnerProcess.Start(lake.IngestArguments(upload, UploadedAt));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        TimeSpan? first = null, last = null;
        while (!runner.HasExited && last is null)
        {
            var parts = lake.Parts();
            first ??= parts > 0 ? clock.Elapsed : null;
            last = parts == Months ? clock.Elapsed : null;
            await Task.Delay(1);
        }
        var run = await runner.WaitAsync(RunnerLake.RunLimit);
        return (run, (last ?? clock.Elapsed) - (first ?? TimeSpan.Zero));
    }

    /// <summary>Two roles at 1,250 sites: 2,500 distinct (role, site) rows a month, 120 months ending last month.</summary>
    private static string TenYearReturn()
    {
        var csv = new StringBuilder(Uploads.Header).Append('\n');
        var first = Uploads.LastMonth.AddMonths(-(Months - 1));
        for (var month = 0; month < Months; month++)
        {
            var period = first.AddMonths(month);
            for (var row = 0; row < RowsPerMonth; row++)
            {
                var role = row % 2 == 0 ? "registered_nurse" : "healthcare_assistant";
                csv.Append(CultureInfo.InvariantCulture, $"{period},{role},Site {row / 2:D4},100,110,{row % 17},4,20,3,2\n");
            }
        }
        return csv.ToString();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
