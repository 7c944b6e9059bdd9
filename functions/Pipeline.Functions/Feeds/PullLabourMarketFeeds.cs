using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Pipeline.Functions.Feeds;

/// <summary>
/// Pulls the labour-market feeds of the <c>Pipeline:Feeds</c> settings on the <c>FeedsSchedule</c> timer,
/// then recomputes the indicators of the months the pull changed.
/// </summary>
public sealed class PullLabourMarketFeeds(LabourMarketFeeds feeds, IndicatorRecomputer recomputer, ILogger<PullLabourMarketFeeds> logger)
{
    /// <remarks>
    /// UseMonitor is on: the schedule's last run is kept in the host's storage, so a 02:00 run missed
    /// while the app was stopped or being deployed runs once when the host is back (IsPastDue). That is
    /// safe because a pull is idempotent: unchanged pages answer 304 and rows are keyed. Failed feeds do
    /// not fail the invocation; each is logged as an error with its cause (alert on those).
    /// </remarks>
    [Function(nameof(PullLabourMarketFeeds))]
    public async Task Run([TimerTrigger("%FeedsSchedule%", UseMonitor = true)] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (timer.IsPastDue)
        {
            logger.LogInformation("Feeds pull is running late, catching up a missed schedule");
        }
        var summary = await feeds.PullConfiguredAsync(cancellationToken);
        await recomputer.RecomputeAfterFeedsAsync(summary, cancellationToken);
    }
}
