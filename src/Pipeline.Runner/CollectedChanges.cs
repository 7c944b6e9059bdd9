namespace Pipeline.Runner;

/// <summary>
/// The runner's ingestion events: collects what a verb's uploads changed, so the indicators are
/// recomputed once at the end rather than after every file (each change would recompute up to
/// twelve months). A verb that ingests calls <see cref="RecomputeAsync"/> when its uploads are in.
/// Uploads ingested side by side (<c>pipeline process --parallel</c>) announce their changes from
/// their own threads, so the collection is locked.
/// </summary>
public sealed class CollectedChanges(IndicatorRecomputer recomputer) : IIngestionEvents
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Partner, string Dataset), SortedSet<Period>> _changes = [];

    public Task CuratedChangedAsync(CuratedChange change, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Add(change);
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Recomputes the union of the months every change affects, each month once. Changes announced
    /// meanwhile wait for the next call; a recompute that fails keeps its changes for the next call too.
    /// </summary>
    public async Task RecomputeAsync(CancellationToken cancellationToken)
    {
        List<CuratedChange> changes;
        lock (_gate)
        {
            changes = _changes.Select(pair => new CuratedChange(pair.Key.Partner, pair.Key.Dataset, pair.Value.ToList())).ToList();
            _changes.Clear();
        }
        if (changes.Count == 0)
        {
            return;
        }
        try
        {
            var affected = new SortedSet<Period>();
            var stale = await recomputer.AffectedPeriodsAsync(cancellationToken);
            foreach (var change in changes)
            {
                affected.UnionWith(stale.Of(change));
            }
            if (affected.Count > 0)
            {
                await recomputer.RecomputePeriodsAsync(affected, cancellationToken);
            }
        }
        catch
        {
            lock (_gate)
            {
                changes.ForEach(Add);
            }
            throw;
        }
    }

    private void Add(CuratedChange change)
    {
        if (!_changes.TryGetValue((change.Partner, change.Dataset), out var periods))
        {
            _changes[(change.Partner, change.Dataset)] = periods = [];
        }
        periods.UnionWith(change.Periods);
    }
}
