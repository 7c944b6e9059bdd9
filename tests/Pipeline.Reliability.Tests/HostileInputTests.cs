using System.Diagnostics;
using CsCheck;
using Xunit.Abstractions;

namespace Pipeline.Reliability.Tests;

/// <summary>
/// Issue 9, hostile input: whatever bytes a partner uploads, the readers and validators give an
/// outcome (accepted or refused) with a report, never an unhandled exception. Each input goes
/// through the whole ingestion (reader chosen by name and signature, validator, publisher).
/// </summary>
public class HostileInputTests(ITestOutputHelper output)
{
    /// <summary>Inputs per generator: the test command's run, or the long mode's.</summary>
    private static int Iterations => ReliabilityMode.IsLong ? 2000 : 60;

    private static readonly string[] Outcomes = [IngestionStatus.Accepted, IngestionStatus.AcceptedWithWarnings, IngestionStatus.Refused, IngestionStatus.Duplicate];

    [Fact]
    public async Task Ingest_HostileInputs_EveryOneGetsAnOutcomeAndAReport()
    {
        using var lake = new ReliabilityLake();
        var stopwatch = Stopwatch.StartNew();
        var inputs = 0;
        var failures = new List<string>();
        var statuses = new Dictionary<string, int>();
        var generators = new[] { HostileInputs.ArbitraryBytes, HostileInputs.MutatedValid, HostileInputs.HostileCsvCells };
        foreach (var generator in generators)
        {
            await generator.SampleAsync(async input =>
            {
                var number = Interlocked.Increment(ref inputs);
                var (status, problem) = await OutcomeAsync(lake, input, number);
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                if (problem is not null)
                {
                    failures.Add(problem);
                    KeepForRegression(input, number);
                }
            }, iter: Iterations, threads: 1);
        }

        var table = ReliabilitySummary.Record(new SummaryLine("hostile inputs", inputs, "inputs", 0, 0, 0, 0, failures.Count,
            $"{string.Join(", ", statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Value} {s.Key}"))}; {stopwatch.Elapsed.TotalSeconds:N0} s"));
        output.WriteLine(table);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(inputs >= 60, $"Only {inputs} inputs were generated.");
    }

    /// <summary>Writes a failing input whole under the test output, to be turned into a regression test.</summary>
    private static void KeepForRegression(HostileInput input, int number)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "hostile-failures");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, $"{number:D5}-{input.Kind.Replace(' ', '-')}-{input.FileName}"), input.Content);
    }

    /// <summary>The input's outcome, and what is wrong with it (null when it got a decision and a report).</summary>
    private static async Task<(string Status, string? Problem)> OutcomeAsync(ReliabilityLake lake, HostileInput input, int number)
    {
        // A distinct name per input keeps the same bytes under the same name from being one event.
        var upload = new Upload(Uploads.Partners[0], $"{number:D5}-{input.FileName}", DateTimeOffset.UtcNow, input.Content);
        try
        {
            var record = await lake.IngestAsync(upload);
            if (!Outcomes.Contains(record.Status))
            {
                return (record.Status, $"{input}: status {record.Status} ({record.Message})");
            }
            return record.ReportPath is null || await lake.Objects.GetInfoAsync(record.ReportPath, default) is null
                ? (record.Status, $"{input}: no report")
                : (record.Status, null);
        }
        catch (Exception e)
        {
            return ("exception", $"{input}: {e.GetType().Name} {e.Message} {e.InnerException?.GetType().Name} {e.InnerException?.Message}");
        }
    }
}
