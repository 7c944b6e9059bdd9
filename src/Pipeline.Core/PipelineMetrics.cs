using System.Diagnostics.Metrics;

namespace Pipeline.Core;

/// <summary>
/// The pipeline's own metrics, on the <c>Pipeline</c> meter: a host exports them by listening to
/// <see cref="MeterName"/> (the Function App through OpenTelemetry); without a listener they cost nothing.
/// </summary>
public static class PipelineMetrics
{
    public const string MeterName = "Pipeline";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> UploadsAccepted =
        Meter.CreateCounter<long>("pipeline.uploads.accepted", "{upload}", "Uploads accepted (with or without warnings), by dataset.");

    private static readonly Counter<long> UploadsRefused =
        Meter.CreateCounter<long>("pipeline.uploads.refused", "{upload}", "Uploads refused for errors, by dataset.");

    private static readonly Counter<long> Rows =
        Meter.CreateCounter<long>("pipeline.rows", "{row}", "Rows of processed uploads, by dataset and outcome (accepted or refused).");

    private static readonly Counter<long> FeedPulls =
        Meter.CreateCounter<long>("pipeline.feed.pulls", "{pull}", "Feed pulls, by feed kind and outcome (updated, unchanged, failed).");

    private static readonly Histogram<double> RecomputeDuration =
        Meter.CreateHistogram<double>("pipeline.indicators.recompute.duration", "s", "How long a recompute of indicator periods took.");

    /// <summary>An upload was accepted or refused (duplicates and system failures are neither).</summary>
    public static void UploadProcessed(IngestionRecord record)
    {
        var dataset = new KeyValuePair<string, object?>("dataset", record.Dataset);
        if (IngestionStatus.IsAccepted(record.Status))
        {
            UploadsAccepted.Add(1, dataset);
        }
        else if (record.Status == IngestionStatus.Refused)
        {
            UploadsRefused.Add(1, dataset);
        }
        Rows.Add(record.RowsAccepted, dataset, new("outcome", "accepted"));
        Rows.Add(record.RowsRefused, dataset, new("outcome", "refused"));
    }

    public static void FeedPulled(FeedResult result) =>
        FeedPulls.Add(1, new KeyValuePair<string, object?>("kind", result.Kind), new("outcome", result.Outcome.ToString().ToLowerInvariant()));

    public static void Recomputed(TimeSpan elapsed) => RecomputeDuration.Record(elapsed.TotalSeconds);
}
