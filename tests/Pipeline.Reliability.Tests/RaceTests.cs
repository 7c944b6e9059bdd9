using Xunit.Abstractions;

namespace Pipeline.Reliability.Tests;

/// <summary>
/// Issue 9, races: the same event twice at once, several versions of one partner-month at once
/// and out of order, recomputes while ingestions commit, and the same bytes under two names at
/// once. A reader polls the lake throughout; the lake must end as the same uploads one after the
/// other leave it, and no reader may ever see two parts in a partition.
/// </summary>
public class RaceTests(ITestOutputHelper output)
{
    private static int Rounds => ReliabilityMode.IsLong ? 20 : 3;

    private static readonly DateTimeOffset Monday = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Ingest_Races_EndAsSequentialRunsAndNeverShowTwoParts()
    {
        var set = Uploads.MultiPeriodSet();
        var versions = Enumerable.Range(1, 6)
            .Select(i => Uploads.Return("nhs-north", $"v{i}.csv", Monday.AddHours(i), months: 2, vacancies: i))
            .ToList();
        var twin = set[0];
        var renamed = twin with { FileName = "q3-again.csv", UploadedAt = Monday.AddMinutes(1) };
        IReadOnlyList<Upload>[] InTimeOrder(IReadOnlyList<Upload> uploads) => [uploads.OrderBy(u => u.UploadedAt).ToList()];
        // Each race with the sequential orders whose outcome it may end with: uploads by upload time, except the
        // two copies of the same bytes, where whichever is processed first is the original (SPEC "Submission rules").
        var races = new (string Kind, IReadOnlyList<Upload> Uploads, IReadOnlyList<Upload>[] Orders, Func<ReliabilityLake, Task> Race)[]
        {
            ("same event twice", set, InTimeOrder(set), async lake =>
            {
                foreach (var upload in set)
                {
                    await Task.WhenAll(lake.IngestAsync(upload), lake.IngestAsync(upload));
                }
            }),
            ("versions out of order", versions, InTimeOrder(versions), lake =>
                Task.WhenAll(versions.OrderBy(_ => Random.Shared.Next()).Select(lake.IngestAsync))),
            ("recompute during commit", set, InTimeOrder(set), async lake =>
            {
                var ingesting = Task.Run(async () =>
                {
                    foreach (var upload in set)
                    {
                        await lake.IngestAsync(upload);
                    }
                });
                while (!ingesting.IsCompleted)
                {
                    await lake.Recomputer.RecomputeAllAsync(default);
                }
                await ingesting;
            }),
            ("same bytes, two names", set, [[twin, renamed, .. set.Skip(1)], [renamed, twin, .. set.Skip(1)]], async lake =>
            {
                await Task.WhenAll(lake.IngestAsync(twin), lake.IngestAsync(renamed));
                foreach (var upload in set.Skip(1))
                {
                    await lake.IngestAsync(upload);
                }
            }),
        };

        var failures = new List<string>();
        var totals = new InvariantTotals();
        int runs = 0, polls = 0;
        foreach (var (kind, uploads, orders, race) in races)
        {
            var outcomes = new List<FaultFreeRun>();
            foreach (var order in orders)
            {
                outcomes.Add(await FaultFreeRun.OfAsync(order));
            }
            for (var round = 0; round < Rounds; round++)
            {
                using var lake = new ReliabilityLake();
                using var stopPolling = new CancellationTokenSource();
                var polling = PollAsync(lake, stopPolling.Token);
                var errors = new List<string>();
                try
                {
                    await race(lake);
                }
                catch (Exception e)
                {
                    errors.Add($"{e.GetType().Name} {e.Message}");
                }
                await stopPolling.CancelAsync();
                var (polled, twoPartsSeen) = await polling;
                polls += polled;

                var state = await LakeState.ReadAsync(lake.Objects, default);
                var expected = outcomes.MinBy(outcome => state.CompareRows(outcome.Curated) is var (l, d) ? l + d : 0)!;
                var run = await Invariants.CheckAsync(lake, expected.Curated, expected.Indicators, uploads, errors, twoPartsSeen);
                runs++;
                totals.Add(run);
                if (!run.Hold)
                {
                    failures.Add($"{kind}, round {round}: {run}");
                }
            }
        }

        var table = ReliabilitySummary.Record(totals.Line("races", races.Length, "kinds", $"{runs} runs, {polls} reader polls"));
        output.WriteLine(table);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Reads the lake as a reader would until stopped: how many times, and how many of those saw a partition with two parts.</summary>
    private static async Task<(int Polls, int TwoParts)> PollAsync(ReliabilityLake lake, CancellationToken stop)
    {
        var polls = 0;
        var twoParts = 0;
        var objects = lake.Objects;
        while (!stop.IsCancellationRequested)
        {
            var state = await LakeState.ReadAsync(objects, CancellationToken.None);
            polls++;
            twoParts += state.PartitionsWithTwoParts > 0 ? 1 : 0;
            await Task.Yield();
        }
        return (polls, twoParts);
    }
}
