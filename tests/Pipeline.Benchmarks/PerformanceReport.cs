namespace Pipeline.Benchmarks;

/// <summary>
/// Keeps every run in docs/benchmarks/LABEL.json and rewrites the results part of
/// docs/performance.md from all of them, oldest first, so before and after sit side by side.
/// The prose outside the markers is hand-written and left as it is.
/// </summary>
public static class PerformanceReport
{
    private const string Begin = "<!-- results:begin (written by tests/Pipeline.Benchmarks) -->";
    private const string End = "<!-- results:end -->";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static async Task WriteAsync(string repository, BenchmarkRun run, CancellationToken cancellationToken)
    {
        var runs = Path.Combine(repository, "docs", "benchmarks");
        Directory.CreateDirectory(runs);
        await File.WriteAllTextAsync(Path.Combine(runs, run.Label + ".json"), JsonSerializer.Serialize(run, Json) + "\n", cancellationToken);
        await RewriteAsync(repository, cancellationToken);
        Console.WriteLine($"Wrote docs/benchmarks/{run.Label}.json");
    }

    /// <summary>The results part of docs/performance.md from every run in docs/benchmarks (the <c>report</c> command, after editing a run's notes).</summary>
    public static async Task RewriteAsync(string repository, CancellationToken cancellationToken)
    {
        var all = new List<BenchmarkRun>();
        foreach (var file in Directory.GetFiles(Path.Combine(repository, "docs", "benchmarks"), "*.json"))
        {
            all.Add(JsonSerializer.Deserialize<BenchmarkRun>(await File.ReadAllTextAsync(file, cancellationToken), Json)!);
        }
        var page = Path.Combine(repository, "docs", "performance.md");
        var text = File.Exists(page) ? await File.ReadAllTextAsync(page, cancellationToken) : $"# Performance\n\n{Begin}\n{End}\n";
        var start = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            throw new InvalidOperationException($"{page} has lost its results markers.");
        }
        var results = Results(all.OrderBy(r => r.RanAt));
        await File.WriteAllTextAsync(page, text[..(start + Begin.Length)] + "\n" + results + text[end..], cancellationToken);
        Console.WriteLine($"Wrote {page}");
    }

    private static string Results(IEnumerable<BenchmarkRun> runs)
    {
        var page = new StringBuilder();
        foreach (var run in runs)
        {
            var machine = run.Machine;
            page.AppendLine(CultureInfo.InvariantCulture, $"### {run.Label} (harness at commit {run.Commit}, {run.RanAt:yyyy-MM-dd HH:mm} UTC)");
            page.AppendLine();
            page.AppendLine(CultureInfo.InvariantCulture, $"Runner measured: {run.Runner}.");
            page.AppendLine();
            page.AppendLine(CultureInfo.InvariantCulture,
                $"{machine.Cpu}, {machine.Cores} cores, {machine.MemoryGigabytes:N1} GB; {machine.OperatingSystem}; {machine.Runtime}; DuckDB {machine.DuckDb} (threads=1).");
            page.AppendLine();
            page.AppendLine("| scenario | pipeline s | CPU s | rows/s | peak MB | DuckDB s | CPU s | peak MB | wall ratio | CPU ratio |");
            page.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var s in run.Scenarios)
            {
                page.AppendLine(CultureInfo.InvariantCulture,
                    $"| {s.Name} | {s.Pipeline.Seconds:N2} | {Cpu(s.Pipeline)} | {s.Pipeline.RowsPerSecond:N0} | {s.Pipeline.PeakMegabytes:N0} | {s.DuckDb.Seconds:N2} | {Cpu(s.DuckDb)} | {s.DuckDb.PeakMegabytes:N0} | {s.TimeRatio:N1}x | {(s.DuckDb.CpuSeconds > 0 ? s.CpuRatio.ToString("N1", CultureInfo.InvariantCulture) + "x" : "")} |");
            }
            page.AppendLine();
            page.AppendLine("| Parquet written | files | MB | row groups | mean rows/group | largest group | encodings | codecs | size ratio |");
            page.AppendLine("|---|---:|---:|---:|---:|---:|---|---|---:|");
            foreach (var s in run.Scenarios.Where(s => s.PipelineParquet is not null && s.DuckDbParquet is not null))
            {
                page.AppendLine(Shape($"{s.Name}: pipeline", s.PipelineParquet!, (double)s.PipelineParquet!.Bytes / s.DuckDbParquet!.Bytes));
                page.AppendLine(Shape($"{s.Name}: DuckDB", s.DuckDbParquet, null));
            }
            page.AppendLine();
        }
        return page.ToString();
    }

    /// <summary>Runs recorded before CPU time was measured have none.</summary>
    private static string Cpu(Cost cost) => cost.CpuSeconds > 0 ? cost.CpuSeconds.ToString("N2", CultureInfo.InvariantCulture) : "";

    private static string Shape(string name, ParquetShape shape, double? ratio) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {shape.Files:N0} | {shape.Bytes / 1048576.0:N1} | {shape.RowGroups:N0} | {shape.MeanRowGroup:N0} | {shape.LargestRowGroup:N0} | {string.Join(", ", shape.Encodings)} | {string.Join(", ", shape.Codecs)} | {(ratio is { } r ? r.ToString("N1", CultureInfo.InvariantCulture) + "x" : "")} |");
}
