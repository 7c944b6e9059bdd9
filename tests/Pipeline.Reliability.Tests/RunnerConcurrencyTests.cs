using Xunit.Abstractions;

namespace Pipeline.Reliability.Tests;

/// <summary>
/// Issue 9, from outside: nine <c>pipeline ingest</c> processes at once for one partner and month
/// (six versions with their own upload times, two copies of one file, and the newest version's
/// event delivered twice). A reader watches the partition throughout. The lake must end with the
/// newest version, every upload name must have its report, and the indicators (the serving table,
/// the indicators zone and <c>pipeline indicators</c>) must equal a lake given the newest version alone.
/// </summary>
public sealed class RunnerConcurrencyTests(ITestOutputHelper output) : IDisposable
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("reliability-nine-").FullName;

    private static int Rounds => ReliabilityMode.IsLong ? 20 : 1;

    [Fact]
    public async Task Ingest_NineAtOnceForOneMonth_LeaveTheNewestVersionOnePartAndEveryReport()
    {
        var month = Uploads.LastMonth;
        var files = new List<(string Path, DateTimeOffset UploadedAt)>();
        for (var version = 1; version <= 6; version++)
        {
            files.Add((await WriteReturnAsync($"v{version}.csv", month, vacancies: version), Monday.AddHours(version)));
        }
        var copyBytes = ReturnCsv(month, vacancies: 2.5);
        foreach (var copy in new[] { "copy-a.csv", "copy-b.csv" })
        {
            var path = Path.Combine(_folder, copy);
            await File.WriteAllTextAsync(path, copyBytes);
            files.Add((path, Monday.AddMinutes(90)));
        }
        var newest = files[5];
        files.Add(newest); // the same event, delivered twice

        var alone = await RunnerLake.CreateAsync(Path.Combine(_folder, "newest-alone"));
        Assert.Equal(0, (await alone.IngestAsync(newest.Path, newest.UploadedAt)).ExitCode);
        var expectedCurated = await LakeState.ReadAsync(alone.Objects, default);
        var expectedServing = await IndicatorState.ReadAsync(alone.Tables, default);
        var expectedZone = await ZoneRowsAsync(alone, month);
        var expectedCli = await CliIndicatorsAsync(alone, month);
        Assert.NotEmpty(expectedServing);

        var failures = new List<string>();
        int polls = 0, twoParts = 0, vanished = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var lake = await RunnerLake.CreateAsync(Path.Combine(_folder, $"round-{round}"));
            var partition = LakePaths.CuratedPartition(Datasets.Vacancies, month.ToString(), RunnerLake.Partner)[LakePaths.CuratedDataset(Datasets.Vacancies).Length..];
            using var stopWatching = new CancellationTokenSource();
            var watching = Task.Run(async () =>
            {
                var seen = false;
                while (!stopWatching.IsCancellationRequested)
                {
                    var parts = lake.Parts(partition);
                    polls++;
                    twoParts += parts > 1 ? 1 : 0;
                    vanished += seen && parts == 0 ? 1 : 0;
                    seen |= parts > 0;
                    await Task.Yield();
                }
            });
            var runs = await Task.WhenAll(files.OrderBy(_ => Random.Shared.Next()).Select(file => lake.IngestAsync(file.Path, file.UploadedAt)));
            await stopWatching.CancelAsync();
            await watching;

            var problems = new List<string>();
            problems.AddRange(runs.Where(run => run.ExitCode != 0).Select(run => $"exit {run.ExitCode}: {run.Output}"));
            var curated = await LakeState.ReadAsync(lake.Objects, default);
            var (lost, duplicated) = curated.CompareRows(expectedCurated);
            if (lost + duplicated > 0 || !curated.Partitions.Keys.SequenceEqual(expectedCurated.Partitions.Keys)
                || !curated.Partitions.Values.Single().Parts.SequenceEqual(expectedCurated.Partitions.Values.Single().Parts))
            {
                problems.Add($"curated: {lost} rows lost, {duplicated} extra, parts {string.Join(", ", curated.Partitions.Values.SelectMany(p => p.Parts))}");
            }
            problems.AddRange(await UploadNamesWithoutReportAsync(lake, files.Select(file => Path.GetFileName(file.Path)).Distinct()));
            if (IndicatorState.Differences(await IndicatorState.ReadAsync(lake.Tables, default), expectedServing) > 0)
            {
                problems.Add("the serving table's indicators differ from the newest version's");
            }
            if (!(await ZoneRowsAsync(lake, month)).SequenceEqual(expectedZone))
            {
                problems.Add("the indicators zone differs from the newest version's");
            }
            if (!(await CliIndicatorsAsync(lake, month)).SequenceEqual(expectedCli))
            {
                problems.Add("pipeline indicators prints other figures than for the newest version");
            }
            failures.AddRange(problems.Select(problem => $"round {round}: {problem}"));
        }
        if (twoParts + vanished > 0)
        {
            failures.Add($"a reader saw two parts {twoParts} times and none after the first {vanished} times");
        }

        output.WriteLine(ReliabilitySummary.Record(new SummaryLine("runner 9 at once", Rounds, "rounds", 0, 0, 0, twoParts, failures.Count,
            $"9 processes a round, {polls} partition polls")));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private async Task<string> WriteReturnAsync(string name, Period month, double vacancies)
    {
        var path = Path.Combine(_folder, name);
        await File.WriteAllTextAsync(path, ReturnCsv(month, vacancies));
        return path;
    }

    private static string ReturnCsv(Period month, double vacancies) =>
        new StringBuilder(Uploads.Header).Append('\n')
            .Append(Uploads.Row(month, "registered_nurse", vacancies)).Append('\n')
            .Append(Uploads.Row(month, "healthcare_assistant", vacancies / 2)).Append('\n')
            .ToString();

    /// <summary>Names whose log row is missing, failed, or points at no report.</summary>
    private static async Task<IEnumerable<string>> UploadNamesWithoutReportAsync(RunnerLake lake, IEnumerable<string> names)
    {
        var records = await new IngestionLog(lake.Tables).ListAsync(RunnerLake.Partner, default);
        var missing = new List<string>();
        foreach (var name in names)
        {
            var record = records.FirstOrDefault(r => r.FileName == name && r.Status != IngestionStatus.Failed);
            if (record?.ReportPath is not { } report || await lake.Objects.GetInfoAsync(report, default) is null)
            {
                missing.Add($"{name} has no report");
            }
        }
        return missing;
    }

    /// <summary>The month's indicators file, without when it was computed.</summary>
    private static async Task<IReadOnlyList<string>> ZoneRowsAsync(RunnerLake lake, Period month)
    {
        var rows = new List<string>();
        await using var file = await lake.Objects.OpenReadAsync(LakePaths.IndicatorsFile(month.ToString()), default);
        await foreach (var row in ParquetFiles.ReadAsync<IndicatorRow>(file, default))
        {
            row.ComputedAt = default;
            rows.Add(JsonSerializer.Serialize(row));
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    /// <summary><c>pipeline indicators --period --format csv</c>, without its computed_at column.</summary>
    private static async Task<IReadOnlyList<string>> CliIndicatorsAsync(RunnerLake lake, Period month)
    {
        var run = await RunnerProcess.RunAsync(RunnerLake.RunLimit, "indicators", "--period", month.ToString(), "--format", "csv", "--lake", lake.Folder);
        Assert.True(run.ExitCode == 0, run.Output);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var computedAt = Array.IndexOf(lines[0].Split(','), "computed_at");
        Assert.True(computedAt >= 0, run.Output);
        return lines.Select(line => string.Join(',', line.Split(',').Where((_, column) => column != computedAt))).Order(StringComparer.Ordinal).ToList();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
