namespace Pipeline.Core.Ingestion;

/// <summary>
/// What ingestion tells the rest of the pipeline. In Azure an accepted upload becomes a
/// queue message for <c>ComputeIndicators</c>; the local runner recomputes in process.
/// </summary>
public interface IIngestionEvents
{
    /// <summary>Curated data of these periods changed for this partner and dataset.</summary>
    Task CuratedChangedAsync(CuratedChange change, CancellationToken cancellationToken);
}

public sealed record CuratedChange(string Partner, string Dataset, IReadOnlyList<Period> Periods);
