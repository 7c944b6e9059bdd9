namespace Pipeline.Core.Feeds;

/// <summary>
/// Timeouts, retries and the circuit breaker of the feeds' HTTP client (<c>Pipeline:FeedHttp</c>).
/// The defaults suit public APIs pulled once a night; tests shrink the delays.
/// </summary>
public sealed class FeedHttpOptions
{
    /// <summary>One request, from sending to the end of the headers.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>One request with all its retries and waits.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>The first retry's delay; each next one doubles, with jitter. A Retry-After header wins.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest computed backoff delay.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The circuit opens when this share of a feed's requests fail within <see cref="BreakerSamplingDuration"/>...</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>...and at least this many requests were made in it.</summary>
    public int BreakerMinimumThroughput { get; set; } = 8;

    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long an open circuit refuses requests before it lets one through again.</summary>
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A larger response body fails the feed rather than filling the disk.</summary>
    public long MaxResponseBytes { get; set; } = 200L * 1024 * 1024;
}
