using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Pipeline.Functions.Indicators;

/// <summary>The indicators recomputed after each accepted upload, and every night.</summary>
public sealed class ComputeIndicators(IndicatorRecomputer recomputer, PublishRecovery recovery, ILogger<ComputeIndicators> logger)
{
    public const string NightlyName = "ComputeIndicatorsNightly";

    /// <summary>
    /// After an accepted upload: recomputes the periods the <c>indicator-recompute</c> message names
    /// and the periods whose 12-month windows include them. A message that is not a curated change
    /// throws, so the queue retries it and then moves it to the poison queue for someone to look at.
    /// </summary>
    [Function(nameof(ComputeIndicators))]
    public async Task RunAsync([QueueTrigger(CuratedChangeMessage.QueueName, Connection = "PipelineStorage")] string message, CancellationToken cancellationToken)
    {
        var change = CuratedChangeMessage.Parse(message);
        var result = await recomputer.RecomputeAsync(change, cancellationToken);
        logger.LogInformation("Recomputed indicators for {Dataset} of {Partner}: {Written} periods written", change.Dataset, change.Partner, result.Written.Count);
    }

    /// <summary>
    /// The nightly safety net: every period, so registry changes and any missed message are caught up.
    /// First the publishes a dead instance left part-way are completed and the uploads published
    /// but never recomputed announced (<see cref="PublishRecovery"/>): otherwise a quiet night, with
    /// no upload to trigger ingestion, would leave their periods out of the recompute.
    /// </summary>
    [Function(NightlyName)]
    public async Task RunNightlyAsync([TimerTrigger("%IndicatorsSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        await recovery.RecoverAsync(cancellationToken);
        var result = await recomputer.RecomputeAllAsync(cancellationToken);
        logger.LogInformation("Nightly indicators: {Written} periods written, {Superseded} superseded", result.Written.Count, result.Superseded.Count);
    }
}
