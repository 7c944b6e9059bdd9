using System.Diagnostics;
using Pipeline.Reliability.Tests.Faults;
using Xunit.Abstractions;

namespace Pipeline.Reliability.Tests;

/// <summary>
/// Issue 9, faults at the storage interfaces: the multi-period uploads go through the real
/// services with storage call N failing (for every N a fault-free run makes), then are retried
/// cleanly, as the trigger would; the lake must end as a fault-free run leaves it.
/// </summary>
public class FaultInjectionTests(ITestOutputHelper output)
{
    private static readonly FaultKind[] Kinds = [FaultKind.Fail, FaultKind.Timeout, FaultKind.PartialWrite];

    [Fact]
    public async Task Ingest_FaultAtEveryStorageCall_RetryLeavesTheFaultFreeLake()
    {
        var uploads = Uploads.MultiPeriodSet();
        var faultFree = await FaultFreeRun.OfAsync(uploads);
        var (expected, calls) = (faultFree.Curated, faultFree.StorageCalls);
        var stopwatch = Stopwatch.StartNew();
        var faults = 0;
        var totals = new Totals();
        var failures = new List<string>();
        // The test command faults every third call, the kinds in turn; the long mode every kind at every call.
        var stride = ReliabilityMode.IsLong ? 1 : 3;
        for (var call = 1; call <= calls; call += stride)
        {
            var kinds = ReliabilityMode.IsLong ? Kinds : [Kinds[call / stride % Kinds.Length]];
            foreach (var kind in kinds)
            {
                var run = await RunWithFaultAsync(uploads, expected, call, kind);
                faults += run.Injected;
                totals.Add(run);
                if (!run.Holds)
                {
                    failures.Add($"call {call} {kind}: {run}");
                }
            }
        }

        var table = ReliabilitySummary.Record(new SummaryLine("storage faults", faults, "faults injected",
            totals.Lost, totals.Duplicated, totals.Partial, totals.TwoParts, totals.Unhandled + totals.WithoutOutcome,
            $"every {stride}. of {calls} calls, {(ReliabilityMode.IsLong ? "every kind" : "kinds in turn")}, {stopwatch.Elapsed.TotalSeconds:N0} s"));
        output.WriteLine(table);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(faults >= 50, $"Only {faults} faults were injected.");
    }

    private static async Task<RunResult> RunWithFaultAsync(IReadOnlyList<Upload> uploads, LakeState expected, int call, FaultKind kind)
    {
        using var lake = new ReliabilityLake();
        var unhandled = new List<string>();
        lake.Faults.Reset();
        lake.Faults.Arm(call, kind);
        foreach (var upload in uploads)
        {
            try
            {
                await lake.IngestAsync(upload);
            }
            catch (Exception e) when (IsInjected(e))
            {
                // The trigger retries the upload later, and the next upload comes later too: by
                // then a lease the failed attempt could not release has expired.
                lake.Clock.Advance(ReliabilityLake.LongestLease);
            }
            catch (Exception e)
            {
                unhandled.Add($"{upload}: {e.GetType().Name} {e.Message}");
            }
        }
        lake.Faults.Disarm();
        foreach (var upload in uploads)
        {
            try
            {
                await lake.IngestAsync(upload);
            }
            catch (Exception e)
            {
                unhandled.Add($"retry of {upload}: {e.GetType().Name} {e.Message}");
            }
        }
        var state = await LakeState.ReadAsync(lake.Objects, default);
        var (lost, duplicated) = state.CompareRows(expected);
        return new RunResult(lake.Faults.Injected, lost, duplicated, state.PartialUploads(expected, uploads), state.PartitionsWithTwoParts,
            await LogChecks.UploadsWithoutOutcomeAsync(lake.Objects, lake.Tables, uploads, default), unhandled);
    }

    /// <summary>Whether the failure is the injected one, however the pipeline wrapped it.</summary>
    public static bool IsInjected(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is IInjectedFault)
            {
                return true;
            }
        }
        return false;
    }

    private sealed record RunResult(int Injected, int Lost, int Duplicated, int Partial, int TwoParts, int WithoutOutcome, IReadOnlyList<string> Unhandled)
    {
        public bool Holds => Lost == 0 && Duplicated == 0 && Partial == 0 && TwoParts == 0 && WithoutOutcome == 0 && Unhandled.Count == 0;

        public override string ToString() =>
            $"lost {Lost}, duplicated {Duplicated}, partial {Partial}, two parts {TwoParts}, without outcome {WithoutOutcome}; {string.Join("; ", Unhandled)}";
    }

    private sealed class Totals
    {
        public int Lost { get; private set; }
        public int Duplicated { get; private set; }
        public int Partial { get; private set; }
        public int TwoParts { get; private set; }
        public int WithoutOutcome { get; private set; }
        public int Unhandled { get; private set; }

        public void Add(RunResult run)
        {
            Lost += run.Lost;
            Duplicated += run.Duplicated;
            Partial += run.Partial;
            TwoParts += run.TwoParts;
            WithoutOutcome += run.WithoutOutcome;
            Unhandled += run.Unhandled.Count;
        }
    }
}
