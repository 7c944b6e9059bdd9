namespace Pipeline.Reliability.Tests;

/// <summary>
/// What one run left in the lake, against the fault-free run of the same uploads
/// (docs/reliability.md, "The invariants"): curated rows lost or doubled, indicator rows that
/// differ, uploads half applied, partitions with two parts, and errors or uploads left without
/// a final log row and report. Every count is 0 when the run holds.
/// </summary>
public sealed record Invariants(int Lost, int Duplicated, int Partial, int TwoParts, int IndicatorRowsDiffering, int WithoutOutcome, IReadOnlyList<string> Errors)
{
    /// <param name="expectedIndicators">The fault-free run's indicator rows; null where the check leaves indicators out.</param>
    /// <param name="twoPartsSeen">Polls of a reader running alongside that saw a partition with two parts.</param>
    public static async Task<Invariants> CheckAsync(ReliabilityLake lake, LakeState expected, IReadOnlyList<string>? expectedIndicators,
        IReadOnlyList<Upload> uploads, IReadOnlyList<string> errors, int twoPartsSeen = 0)
    {
        var state = await LakeState.ReadAsync(lake.Objects, default);
        var (lost, duplicated) = state.CompareRows(expected);
        var indicatorRowsDiffering = expectedIndicators is null
            ? 0
            : IndicatorState.Differences(await IndicatorState.ReadAsync(lake.Tables, default), expectedIndicators);
        var withoutOutcome = await LogChecks.UploadsWithoutOutcomeAsync(lake.Objects, lake.Tables, uploads, default);
        return new Invariants(lost, duplicated, state.PartialUploads(expected, uploads), state.PartitionsWithTwoParts + twoPartsSeen,
            indicatorRowsDiffering, withoutOutcome, errors);
    }

    /// <summary>Ingests every upload in turn, as the trigger's retries would, and returns what failed.</summary>
    public static async Task<IReadOnlyList<string>> IngestEachAsync(ReliabilityLake lake, IReadOnlyList<Upload> uploads, string label = "")
    {
        var errors = new List<string>();
        foreach (var upload in uploads)
        {
            try
            {
                await lake.IngestAsync(upload);
            }
            catch (Exception e)
            {
                errors.Add($"{label}{upload}: {e.GetType().Name} {e.Message}");
            }
        }
        return errors;
    }

    public bool Hold => Lost + Duplicated + Partial + TwoParts + IndicatorRowsDiffering + WithoutOutcome + Errors.Count == 0;

    public override string ToString() =>
        $"lost {Lost}, duplicated {Duplicated}, partial {Partial}, two parts {TwoParts}, indicator rows differing {IndicatorRowsDiffering}, " +
        $"without outcome {WithoutOutcome}; {string.Join("; ", Errors)}";
}

/// <summary>The invariants of a check's runs added up into its summary line's columns.</summary>
public sealed class InvariantTotals
{
    private int _lost;
    private int _duplicated;
    private int _partial;
    private int _twoParts;
    private int _unhandled;

    public void Add(Invariants run)
    {
        _lost += run.Lost + run.IndicatorRowsDiffering;
        _duplicated += run.Duplicated;
        _partial += run.Partial;
        _twoParts += run.TwoParts;
        _unhandled += run.Errors.Count + run.WithoutOutcome;
    }

    /// <summary>A half upload seen some other way than in the lake at the end (e.g. by a recompute part-way).</summary>
    public void AddPartial() => _partial++;

    public SummaryLine Line(string check, int count, string unit, string note) =>
        new(check, count, unit, _lost, _duplicated, _partial, _twoParts, _unhandled, note);
}
