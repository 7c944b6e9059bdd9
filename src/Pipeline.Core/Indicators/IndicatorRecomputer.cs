using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Pipeline.Core.Indicators;

/// <summary>
/// What a recompute did: the periods it wrote, those left to another recompute (a later one wrote them
/// already, or an upload reaching them was half published while the lake was read), and
/// every row it computed (period by period), so a caller can show them without reading them back.
/// </summary>
public sealed record RecomputeResult(IReadOnlyList<Period> Written, IReadOnlyList<Period> Superseded, IReadOnlyList<IndicatorRow> Rows);

/// <summary>
/// Keeps the indicators current: after a curated change, the changed months and every month
/// whose 12-month turnover window includes them; nightly, every month. Safe to run twice and
/// to race with itself (see <see cref="PeriodCommitGate"/>).
/// </summary>
public sealed class IndicatorRecomputer(IndicatorEngine engine, IndicatorOutput output, PeriodCommitGate gate, PublishIntents intents, TimeProvider clock, ILogger<IndicatorRecomputer> logger)
{
    public async Task<RecomputeResult> RecomputeAsync(CuratedChange change, CancellationToken cancellationToken)
    {
        var periods = await PeriodsAffectedByAsync(change, cancellationToken);
        logger.LogInformation("Recomputing {Count} periods after a change to {Dataset} of {Partner}", periods.Count, change.Dataset, change.Partner);
        return await RecomputePeriodsAsync(periods, cancellationToken);
    }

    /// <summary>
    /// After a labour-market pull: the months whose feed rows changed, so the LMI indicators (and
    /// postings per claimant) are current without waiting for the nightly run.
    /// </summary>
    public async Task<RecomputeResult> RecomputeAfterFeedsAsync(FeedRunSummary summary, CancellationToken cancellationToken)
    {
        var periods = summary.Feeds.Where(feed => feed.Outcome == FeedOutcome.Updated)
            .SelectMany(feed => feed.Periods).Distinct().Select(Period.Parse).ToList();
        logger.LogInformation("Recomputing {Count} periods after a labour-market pull", periods.Count);
        return await RecomputePeriodsAsync(periods, cancellationToken);
    }

    /// <summary>Every period with data, and any period with indicators but no data left (emptied).</summary>
    public async Task<RecomputeResult> RecomputeAllAsync(CancellationToken cancellationToken)
    {
        var periods = (await engine.ListPeriodsAsync(cancellationToken)).Union(await output.ListPeriodsAsync(cancellationToken)).Order().ToList();
        logger.LogInformation("Recomputing all {Count} periods", periods.Count);
        return await RecomputePeriodsAsync(periods, cancellationToken);
    }

    public async Task<RecomputeResult> RecomputePeriodsAsync(IReadOnlyCollection<Period> periods, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var tickets = new Dictionary<Period, long>();
        foreach (var period in periods.Order())
        {
            tickets[period] = await gate.TakeTicketAsync(period.ToString(), cancellationToken);
        }
        // Never from half an upload: a live publish is waited for, a dead one's periods are left to its roll-forward.
        var (publishing, inputs) = await RecomputeWindow.LoadAsync(intents, periods, IndicatorEngine.TurnoverWindowMonths,
            () => engine.LoadAsync(periods, cancellationToken), clock, cancellationToken);
        var written = new List<Period>();
        var superseded = new List<Period>();
        var computed = new List<IndicatorRow>();
        foreach (var (period, ticket) in tickets)
        {
            if (publishing.HalfPublished.Contains(period))
            {
                superseded.Add(period);
                continue;
            }
            var rows = engine.Compute(inputs, period);
            computed.AddRange(rows);
            var committed = await gate.CommitAsync(period.ToString(), ticket, ct => output.WriteAsync(period, rows, ct), cancellationToken);
            (committed ? written : superseded).Add(period);
        }
        // Read after the writes (the months written now have indicators), and only if an intent is there to settle.
        AffectedPeriods? affected = null;
        await publishing.SettleAsync(written, async intent =>
            (affected ??= await AffectedPeriodsAsync(cancellationToken)).Of(new CuratedChange(intent.Partner, intent.Dataset, intent.Periods)), cancellationToken);
        PipelineMetrics.Recomputed(Stopwatch.GetElapsedTime(started));
        logger.LogInformation("Indicators written for {Written} periods; {Superseded} already had a later result", written.Count, superseded.Count);
        return new RecomputeResult(written, superseded, computed);
    }

    /// <summary>The months <paramref name="change"/> makes stale (see <see cref="AffectedPeriods"/>).</summary>
    public async Task<IReadOnlyList<Period>> PeriodsAffectedByAsync(CuratedChange change, CancellationToken cancellationToken) =>
        (await AffectedPeriodsAsync(cancellationToken)).Of(change);

    /// <summary>
    /// What decides which months a change makes stale, read from the lake once for any number of
    /// changes: a run of many uploads (or many open intents) would otherwise list every vacancy
    /// partition once per change.
    /// </summary>
    public async Task<AffectedPeriods> AffectedPeriodsAsync(CancellationToken cancellationToken)
    {
        var vacancyPeriods = await engine.ListVacancyPeriodsAsync(cancellationToken);
        var withIndicators = vacancyPeriods.Count == 0 ? [] : (await output.ListPeriodsAsync(cancellationToken)).ToHashSet();
        return new AffectedPeriods(vacancyPeriods, withIndicators);
    }
}

/// <summary>
/// The months with vacancy returns and those with indicators, as read at one moment. A change's
/// stale months (<see cref="Of"/>): the changed months; for vacancies also the 11 months after
/// each (their turnover windows include it) up to the last vacancies month, and any month of the
/// vacancies range that has no indicators yet (its submission coverage appears when the range grows).
/// </summary>
public sealed class AffectedPeriods(IReadOnlyList<Period> vacancyPeriods, IReadOnlySet<Period> withIndicators)
{
    public IReadOnlyList<Period> Of(CuratedChange change)
    {
        var periods = new SortedSet<Period>(change.Periods);
        if (change.Dataset != Datasets.Vacancies || vacancyPeriods.Count == 0)
        {
            return periods.ToList();
        }
        var last = vacancyPeriods.Max();
        foreach (var changed in change.Periods)
        {
            for (var later = changed.AddMonths(1); later <= last && later <= changed.AddMonths(IndicatorEngine.TurnoverWindowMonths - 1); later = later.AddMonths(1))
            {
                periods.Add(later);
            }
        }
        for (var month = vacancyPeriods.Min(); month <= last; month = month.AddMonths(1))
        {
            if (!withIndicators.Contains(month))
            {
                periods.Add(month);
            }
        }
        return periods.ToList();
    }
}
