using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Pipeline.Core.Indicators;

namespace Pipeline.Functions.Indicators;

/// <summary>The nightly safety net: every period, so registry changes and any missed message are caught up.</summary>
public sealed class ComputeIndicatorsNightly(IndicatorRecomputer recomputer, ILogger<ComputeIndicatorsNightly> logger)
{
    [Function(nameof(ComputeIndicatorsNightly))]
    public async Task RunAsync([TimerTrigger("%IndicatorsSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var result = await recomputer.RecomputeAllAsync(cancellationToken);
        logger.LogInformation("Nightly indicators: {Written} periods written, {Superseded} superseded", result.Written.Count, result.Superseded.Count);
    }
}
