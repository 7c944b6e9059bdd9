using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Pipeline.Benchmarks;

/// <param name="Sizes">Row counts to run (tiny = 2,000, 1m, 10m); exits run at sizes up to 1m.</param>
/// <param name="Label">Names the JSON file in docs/benchmarks and the run's section in docs/performance.md.</param>
/// <param name="Repository">The checkout: where the runner is built and the docs are written.</param>
/// <param name="Work">Scratch folder for the generated files and lakes (deleted afterwards).</param>
/// <param name="Runner">The <c>pipeline</c> executable to measure (default: the checkout's Release build), e.g. another branch's build for a before/after.</param>
public sealed record WholeRunOptions(IReadOnlyList<int> Sizes, string Label, string Repository, string Work, bool BuildRunner, string? Runner)
{
    public static WholeRunOptions Parse(string[] args)
    {
        var sizes = "1m";
        var label = "run-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
        string? repository = null;
        var work = Path.Combine(Path.GetTempPath(), "pipeline-bench-" + Guid.NewGuid().ToString("N"));
        var build = true;
        string? runner = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--sizes": sizes = args[++i]; break;
                case "--label": label = args[++i]; break;
                case "--repo": repository = args[++i]; break;
                case "--work": work = args[++i]; break;
                case "--no-build": build = false; break;
                case "--runner": runner = args[++i]; build = false; break;
                default: throw new ArgumentException($"Unknown option {args[i]}: --sizes tiny,1m,10m --label NAME --repo DIR --work DIR --no-build --runner FILE");
            }
        }
        return new WholeRunOptions(sizes.Split(',').Select(ParseSize).ToList(), label, repository ?? FindRepository(), work, build, runner);
    }

    private static int ParseSize(string size) => size.ToLowerInvariant() switch
    {
        "tiny" => 2_000,
        "1m" => 1_000_000,
        "10m" => 10_000_000,
        var rows => int.Parse(rows, CultureInfo.InvariantCulture),
    };

    private static string FindRepository()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Pipeline.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("Run from inside the repository or pass --repo.");
    }
}

/// <summary>
/// The whole-run benchmark: generates the uploads, runs the real <c>pipeline</c> CLI on them as
/// child processes (process start included) and DuckDB on one thread on the same files, and
/// writes the figures to docs/benchmarks/LABEL.json and docs/performance.md.
/// </summary>
public static class WholeRun
{
    private const string Partner = "bench-trust";
    private const int InterleavedMonths = 120;
    private const int LargestExitsSize = 1_000_000;
    private static readonly Period Latest = new(2026, 9);

    /// <summary>This program's own executable (not <c>dotnet</c> when started as <c>dotnet Pipeline.Benchmarks.dll</c>), for the DuckDB children.</summary>
    private static readonly string Harness = Path.Combine(AppContext.BaseDirectory, "Pipeline.Benchmarks");

    public static async Task RunAsync(WholeRunOptions options, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.Work);
        var runner = options.Runner ?? (options.BuildRunner
            ? Path.Combine(options.Work, "runner", "pipeline")
            : Path.Combine(options.Repository, "src", "Pipeline.Runner", "bin", "Release", "net10.0", "pipeline"));
        if (options.BuildRunner)
        {
            // Published as it ships (README): self-contained for this platform, the runtime and the app one
            // ReadyToRun image (Pipeline.Runner.csproj), so the JIT's start-up cost is what a user pays.
            // Built in the work folder: a composite image's intermediate files left in the checkout's obj/
            // would be taken up by a later framework-dependent publish, which then fails to start.
            await MeasuredProcess.RunAsync("dotnet", ["publish", Path.Combine(options.Repository, "src", "Pipeline.Runner"), "-c", "Release",
                "-r", RuntimeInformation.RuntimeIdentifier, "--self-contained", "--artifacts-path", Path.Combine(options.Work, "build"),
                "-o", Path.GetDirectoryName(runner)!, "-v", "q", "--nologo"],
                new Dictionary<string, string>(), null, cancellationToken);
        }
        var scenarios = new List<ScenarioResult>();
        try
        {
            foreach (var rows in options.Sizes)
            {
                scenarios.AddRange(await RunSizeAsync(runner, rows, options.Work, cancellationToken));
            }
        }
        finally
        {
            Directory.Delete(options.Work, recursive: true);
        }
        var run = new BenchmarkRun(options.Label, DateTimeOffset.UtcNow, GitCommit(options.Repository),
            options.Runner ?? (options.BuildRunner ? "this checkout, published self-contained (composite ReadyToRun)" : "this checkout's Release build"), Machine.Describe(), scenarios);
        await PerformanceReport.WriteAsync(options.Repository, run, cancellationToken);
        foreach (var scenario in scenarios)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{scenario.Name}: pipeline {scenario.Pipeline.Seconds:N2} s ({scenario.Pipeline.CpuSeconds:N2} s CPU) / {scenario.Pipeline.PeakMegabytes:N0} MB, duckdb {scenario.DuckDb.Seconds:N2} s ({scenario.DuckDb.CpuSeconds:N2} s CPU) / {scenario.DuckDb.PeakMegabytes:N0} MB, x{scenario.TimeRatio:N1} wall x{scenario.CpuRatio:N1} CPU"));
        }
    }

    private static async Task<List<ScenarioResult>> RunSizeAsync(string runner, int rows, string work, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(work, rows.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        var (interleaved, oneMonth, exits) = WriteReturns(folder, rows);
        var results = new List<ScenarioResult>();
        var size = Label(rows);

        // One lake holds the interleaved return and the exits: the indicator run reads it.
        var lake = await NewLakeAsync(runner, Path.Combine(folder, "lake"), cancellationToken);
        results.Add(await IngestAsync(runner, lake, $"ingest vacancies {size} rows, {InterleavedMonths} months interleaved", interleaved, "vacancies", rows, folder, cancellationToken));
        if (exits is not null)
        {
            results.Add(await IngestAsync(runner, lake, $"ingest exits {size} rows, {InterleavedMonths} months", exits, "exits", rows, folder, cancellationToken));
        }
        results.Add(await IndicatorsAsync(runner, lake, size, rows, folder, cancellationToken));

        var oneMonthLake = await NewLakeAsync(runner, Path.Combine(folder, "lake-one-month"), cancellationToken);
        results.Add(await IngestAsync(runner, oneMonthLake, $"ingest vacancies {size} rows, one month", oneMonth, "vacancies", rows, folder, cancellationToken));
        return results;
    }

    /// <summary>The uploads of one size: vacancies interleaving 120 months, vacancies of one month, and exits (up to 1M rows).</summary>
    public static (string Interleaved, string OneMonth, string? Exits) WriteReturns(string folder, int rows)
    {
        Directory.CreateDirectory(folder);
        var interleaved = Path.Combine(folder, $"vacancies-{InterleavedMonths}-months.csv");
        var oneMonth = Path.Combine(folder, "vacancies-one-month.csv");
        Returns.WriteVacancies(interleaved, rows, InterleavedMonths, Latest);
        Returns.WriteVacancies(oneMonth, rows, 1, Latest);
        if (rows > LargestExitsSize)
        {
            return (interleaved, oneMonth, null);
        }
        var exits = Path.Combine(folder, "exits.csv");
        Returns.WriteExits(exits, rows, InterleavedMonths, Latest);
        return (interleaved, oneMonth, exits);
    }

    private static async Task<string> NewLakeAsync(string runner, string lake, CancellationToken cancellationToken)
    {
        var partners = lake + "-partners.csv";
        await File.WriteAllTextAsync(partners, $"id,name,sector,active\n{Partner},Benchmark Trust,nhs_trust,true\n", cancellationToken);
        await MeasuredProcess.RunAsync(runner, ["partners", "import", partners, "--lake", lake, "--quiet"], RunnerSettings(0), null, cancellationToken);
        return lake;
    }

    private static async Task<ScenarioResult> IngestAsync(string runner, string lake, string name, string csv, string dataset, int rows,
        string folder, CancellationToken cancellationToken)
    {
        Console.WriteLine(name);
        var curated = Path.Combine(lake, "curated", dataset);
        var before = ParquetShape.Under(curated).ToHashSet();
        var pipeline = await MeasuredProcess.RunAsync(runner,
            ["ingest", csv, "--partner", Partner, "--dataset", dataset, "--uploaded-at", "2026-10-05T09:00:00Z", "--lake", lake, "--quiet"],
            RunnerSettings(rows), null, cancellationToken);
        var written = ParquetShape.Under(curated).Where(file => !before.Contains(file)).ToList();
        var duckParquet = Path.Combine(folder, Path.GetFileNameWithoutExtension(csv) + ".duckdb.parquet");
        var duck = await MeasuredProcess.RunAsync(Harness, ["duckdb-copy", csv, duckParquet], new Dictionary<string, string>(), null, cancellationToken);
        return new ScenarioResult(name, rows, new FileInfo(csv).Length, Cost.Of(pipeline, rows), Cost.Of(duck, rows),
            await ParquetShape.ReadAsync(written, cancellationToken), await ParquetShape.ReadAsync([duckParquet], cancellationToken));
    }

    private static async Task<ScenarioResult> IndicatorsAsync(string runner, string lake, string size, int rows, string folder, CancellationToken cancellationToken)
    {
        var name = $"indicators over the {size}-row lake (--format csv)";
        Console.WriteLine(name);
        var pipeline = await MeasuredProcess.RunAsync(runner, ["indicators", "--format", "csv", "--lake", lake, "--quiet"], RunnerSettings(rows),
            Path.Combine(folder, "indicators.csv"), cancellationToken);
        var duck = await MeasuredProcess.RunAsync(Harness, ["duckdb-indicators", lake, Path.Combine(folder, "duckdb-indicators.csv")],
            new Dictionary<string, string>(), null, cancellationToken);
        return new ScenarioResult(name, rows, 0, Cost.Of(pipeline, rows), Cost.Of(duck, rows), null, null);
    }

    /// <summary>
    /// The runner's settings for an upload of <paramref name="rows"/>: a fixed pseudonymisation key (exits are
    /// refused without one) and, above the defaults (200 MB, 5M rows), limits raised for the benchmark only.
    /// </summary>
    private static Dictionary<string, string> RunnerSettings(int rows)
    {
        var settings = new Dictionary<string, string> { ["Pipeline__PseudonymisationKey"] = Convert.ToBase64String(new byte[32]) };
        if (rows > 5_000_000)
        {
            settings["Pipeline__MaxFileBytes"] = (4L << 30).ToString(CultureInfo.InvariantCulture);
            settings["Pipeline__MaxRows"] = (rows + 1).ToString(CultureInfo.InvariantCulture);
        }
        return settings;
    }

    private static string Label(int rows) => rows switch
    {
        >= 1_000_000 when rows % 1_000_000 == 0 => $"{rows / 1_000_000}M",
        _ => rows.ToString("N0", CultureInfo.InvariantCulture),
    };

    private static string GitCommit(string repository)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", ["-C", repository, "rev-parse", "--short", "HEAD"]) { RedirectStandardOutput = true });
            var commit = git!.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return commit;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}

public sealed record Cost(double Seconds, double CpuSeconds, double RowsPerSecond, double PeakMegabytes)
{
    public static Cost Of(ProcessCost process, int rows) => new(process.Seconds, process.CpuSeconds, rows / process.Seconds, process.PeakBytes / 1048576.0);
}

/// <param name="PipelineParquet">The curated files the ingestion wrote (null for the indicator run).</param>
public sealed record ScenarioResult(string Name, int Rows, long InputBytes, Cost Pipeline, Cost DuckDb, ParquetShape? PipelineParquet, ParquetShape? DuckDbParquet)
{
    public double TimeRatio => Pipeline.Seconds / DuckDb.Seconds;

    public double CpuRatio => Pipeline.CpuSeconds / DuckDb.CpuSeconds;
}

public sealed record Machine(string Cpu, int Cores, double MemoryGigabytes, string OperatingSystem, string Runtime, string DuckDb)
{
    public static Machine Describe() => new(
        ProcInfo("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        Environment.ProcessorCount,
        double.Parse((ProcInfo("/proc/meminfo", "MemTotal") ?? "0 kB").Split(' ')[0], CultureInfo.InvariantCulture) / 1048576.0,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        DuckDbSide.Version());

    private static string? ProcInfo(string file, string key) =>
        File.Exists(file)
            ? File.ReadLines(file).Where(line => line.StartsWith(key, StringComparison.Ordinal)).Select(line => line[(line.IndexOf(':') + 1)..].Trim()).FirstOrDefault()
            : null;
}

/// <param name="Runner">Which build of <c>pipeline</c> was measured: the harness's checkout, or the <c>--runner</c> given.</param>
public sealed record BenchmarkRun(string Label, DateTimeOffset RanAt, string Commit, string Runner, Machine Machine, IReadOnlyList<ScenarioResult> Scenarios);
