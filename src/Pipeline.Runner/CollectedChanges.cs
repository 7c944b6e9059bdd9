namespace Pipeline.Runner;

/// <summary>
/// The runner's ingestion events: collects what a verb's uploads changed, so the indicators are
/// recomputed once at the end rather than after every file (each change would recompute up to
/// twelve months). A verb that ingests calls <see cref="RecomputeAsync"/> when its uploads are in.
/// </summary>
public sealed class CollectedChanges(IndicatorRecomputer recomputer) : IIngestionEvents
{
    private readonly Dictionary<(string Partner, string Dataset), SortedSet<Period>> _changes = [];

    public Task CuratedChangedAsync(CuratedChange change, CancellationToken cancellationToken)
    {
        if (!_changes.TryGetValue((change.Partner, change.Dataset), out var periods))
        {
            _changes[(change.Partner, change.Dataset)] = periods = [];
        }
        periods.UnionWith(change.Periods);
        return Task.CompletedTask;
    }

    /// <summary>Recomputes the union of the months every change affects, each month once.</summary>
    public async Task RecomputeAsync(CancellationToken cancellationToken)
    {
        if (_changes.Count == 0)
        {
            return;
        }
        var affected = new SortedSet<Period>();
        var stale = await recomputer.AffectedPeriodsAsync(cancellationToken);
        foreach (var ((partner, dataset), periods) in _changes)
        {
            affected.UnionWith(stale.Of(new CuratedChange(partner, dataset, periods.ToList())));
        }
        if (affected.Count > 0)
        {
            await recomputer.RecomputePeriodsAsync(affected, cancellationToken);
        }
        _changes.Clear();
    }
}
