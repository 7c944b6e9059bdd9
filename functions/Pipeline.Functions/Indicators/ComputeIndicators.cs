using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Pipeline.Core.Indicators;

namespace Pipeline.Functions.Indicators;

/// <summary>
/// After an accepted upload: recomputes the periods the <c>indicator-recompute</c> message names
/// and the periods whose 12-month windows include them. A message that is not a curated change
/// throws, so the queue retries it and then moves it to the poison queue for someone to look at.
/// </summary>
public sealed class ComputeIndicators(IndicatorRecomputer recomputer, ILogger<ComputeIndicators> logger)
{
    [Function(nameof(ComputeIndicators))]
    public async Task RunAsync([QueueTrigger(CuratedChangeMessage.QueueName, Connection = "PipelineStorage")] string message, CancellationToken cancellationToken)
    {
        var change = CuratedChangeMessage.Parse(message);
        var result = await recomputer.RecomputeAsync(change, cancellationToken);
        logger.LogInformation("Recomputed indicators for {Dataset} of {Partner}: {Written} periods written", change.Dataset, change.Partner, result.Written.Count);
    }
}
