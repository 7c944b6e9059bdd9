namespace Pipeline.Core.Indicators;

/// <summary>The local runner's ingestion events: recompute the indicators at once, in process, instead of queueing a message.</summary>
public sealed class InProcessIndicatorEvents(IndicatorRecomputer recomputer) : IIngestionEvents
{
    public Task CuratedChangedAsync(CuratedChange change, CancellationToken cancellationToken) =>
        recomputer.RecomputeAsync(change, cancellationToken);
}
