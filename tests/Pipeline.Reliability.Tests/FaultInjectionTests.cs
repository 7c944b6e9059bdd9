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
        var totals = new InvariantTotals();
        var failures = new List<string>();
        // The test command faults every third call, the kinds in turn; the long mode every kind at every call.
        var stride = ReliabilityMode.IsLong ? 1 : 3;
        for (var call = 1; call <= calls; call += stride)
        {
            var kinds = ReliabilityMode.IsLong ? Kinds : [Kinds[call / stride % Kinds.Length]];
            foreach (var kind in kinds)
            {
                var (injected, run) = await RunWithFaultAsync(uploads, expected, call, kind);
                faults += injected;
                totals.Add(run);
                if (!run.Hold)
                {
                    failures.Add($"call {call} {kind}: {run}");
                }
            }
        }

        var table = ReliabilitySummary.Record(totals.Line("storage faults", faults, "faults injected",
            $"every {stride}. of {calls} calls, {(ReliabilityMode.IsLong ? "every kind" : "kinds in turn")}, {stopwatch.Elapsed.TotalSeconds:N0} s"));
        output.WriteLine(table);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(faults >= 50, $"Only {faults} faults were injected.");
    }

    private static async Task<(int Injected, Invariants Run)> RunWithFaultAsync(IReadOnlyList<Upload> uploads, LakeState expected, int call, FaultKind kind)
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
        var retryErrors = await Invariants.IngestEachAsync(lake, uploads, "retry of ");
        return (lake.Faults.Injected, await Invariants.CheckAsync(lake, expected, expectedIndicators: null, uploads, [.. unhandled, .. retryErrors]));
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
}
