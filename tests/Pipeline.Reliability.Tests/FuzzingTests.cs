using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Pipeline.Fuzzing;
using Xunit.Abstractions;

namespace Pipeline.Reliability.Tests;

/// <summary>
/// Issue 9, fuzzing: the kept corpus (tests/fuzz-corpus) replayed through each reader and the
/// validator, and a bounded coverage-guided SharpFuzz run of the three readers
/// (tests/Pipeline.Fuzzing, run from its own build folder where the readers are instrumented).
/// </summary>
public class FuzzingTests(ITestOutputHelper output)
{
    private static string Corpus => Path.Combine(AppContext.BaseDirectory, "fuzz-corpus");

    /// <summary>Seconds of fuzzing in all (split between the readers): the test command's, or the long mode's.</summary>
    private static int Seconds => ReliabilityMode.IsLong ? 600 : 21;

    [Fact]
    public void Replay_EveryCorpusFile_ReadsOrRefuses()
    {
        var failures = new List<string>();
        var files = 0;
        foreach (var reader in ReaderTargets.Names)
        {
            var folder = Path.Combine(Corpus, reader);
            Assert.True(Directory.Exists(folder), $"No corpus folder {folder}.");
            foreach (var file in Directory.GetFiles(folder))
            {
                files++;
                try
                {
                    ReaderTargets.Run(reader, File.ReadAllBytes(file), Path.Combine(Path.GetTempPath(), "fuzz-replay-" + Guid.NewGuid().ToString("N")));
                }
                catch (Exception e)
                {
                    failures.Add($"{reader}/{Path.GetFileName(file)}: {e.GetType().Name} {e.Message}");
                }
            }
        }

        output.WriteLine(ReliabilitySummary.Record(new SummaryLine("fuzz corpus replay", files, "corpus files", 0, 0, 0, 0, failures.Count, "tests/fuzz-corpus, reader and validator")));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(files >= ReaderTargets.Names.Count, $"Only {files} corpus files.");
    }

    [Fact]
    public async Task Fuzz_EveryReader_FindsNoUnexpectedException()
    {
        var work = Path.Combine(Path.GetTempPath(), "fuzz-run-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exitCode, stdout, stderr) = await RunFuzzerAsync("fuzz", "--corpus", Corpus, "--seconds", Seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", work);
            Assert.True(exitCode is 0 or 1, $"The fuzzer failed (exit {exitCode}): {stderr}\n{stdout}");
            var result = JsonSerializer.Deserialize<FuzzResult>(stdout.Trim().Split('\n')[^1], JsonSerializerOptions.Web)!;
            var crashes = result.Results.SelectMany(r => r.Crashes).ToList();
            KeepCrashes(work);

            var note = $"{result.Results.Sum(r => r.Seconds):N0} s fuzzing, seed {result.Seed}; edges "
                + string.Join(", ", result.Results.Select(r => $"{r.Reader} {r.Edges} (+{r.NewEntries} entries)"));
            output.WriteLine(ReliabilitySummary.Record(new SummaryLine("fuzzing (SharpFuzz)", result.Results.Sum(r => r.Inputs), "inputs", 0, 0, 0, 0, crashes.Count, note)));
            Assert.True(crashes.Count == 0, string.Join("\n", crashes.Select(c => $"{c.Exception}: {c.Message} {c.Where} (kept in fuzz-crashes/)")));
            Assert.All(result.Results, r => Assert.True(r.Edges > 0 && r.Inputs > r.Seeds, $"{r.Reader}: {r.Inputs} inputs, {r.Edges} edges."));
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private sealed record FuzzResult(int Seed, List<ReaderResult> Results);

    /// <summary>Copies the inputs that crashed beside the tests, to be turned into corpus files and regression tests.</summary>
    private static void KeepCrashes(string work)
    {
        var crashes = Path.Combine(work, "crashes");
        if (!Directory.Exists(crashes))
        {
            return;
        }
        foreach (var file in Directory.GetFiles(crashes, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(AppContext.BaseDirectory, "fuzz-crashes", Path.GetRelativePath(crashes, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    /// <summary>The fuzzer from its own build folder, the only place its readers are instrumented.</summary>
    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunFuzzerAsync(params string[] arguments)
    {
        var fuzzer = typeof(FuzzingTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "FuzzerPath").Value!;
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(fuzzer);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(Seconds + 120));
        await process.WaitForExitAsync(limit.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
