using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Pipeline.Reliability.Tests;

/// <summary>One line of the suite's summary: what was exercised, how often, and what the invariants found.</summary>
public sealed record SummaryLine(string Check, int Count, string Unit, int Lost, int Duplicated, int PartialVisible, int TwoPartsVisible, int Unhandled, string Note = "")
{
    public bool Holds => Lost == 0 && Duplicated == 0 && PartialVisible == 0 && TwoPartsVisible == 0 && Unhandled == 0;
}

/// <summary>
/// The one summary table of the suite, rewritten after every check to
/// <c>reliability-summary.txt</c> in the test output folder, and printed to the test's output.
/// </summary>
public static class ReliabilitySummary
{
    private static readonly ConcurrentDictionary<string, SummaryLine> Lines = new();
    private static readonly Lock FileLock = new();

    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "reliability-summary.txt");

    /// <summary>Records the line and returns the whole table as it stands.</summary>
    public static string Record(SummaryLine line)
    {
        Lines[line.Check] = line;
        var table = Render();
        lock (FileLock)
        {
            File.WriteAllText(FilePath, table);
        }
        return table;
    }

    private static string Render()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Reliability summary ({(ReliabilityMode.IsLong ? "long" : "test")} mode, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC)");
        text.AppendLine(CultureInfo.InvariantCulture, $"{"check",-22} {"count",8} {"unit",-16} {"lost",5} {"dup",5} {"partial",8} {"2 parts",8} {"unhandled",10}  result");
        foreach (var line in Lines.Values.OrderBy(l => l.Check, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{line.Check,-22} {line.Count,8} {line.Unit,-16} {line.Lost,5} {line.Duplicated,5} {line.PartialVisible,8} {line.TwoPartsVisible,8} {line.Unhandled,10}  {(line.Holds ? "ok" : "FAIL")} {line.Note}");
        }
        return text.ToString();
    }
}

/// <summary>The test command's short run, or a benchmark-style long one with <c>PIPELINE_RELIABILITY_LONG=1</c>.</summary>
public static class ReliabilityMode
{
    public static bool IsLong => Environment.GetEnvironmentVariable("PIPELINE_RELIABILITY_LONG") is "1" or "true";
}
