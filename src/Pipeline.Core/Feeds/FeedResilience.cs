using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Pipeline.Core.Feeds;

/// <summary>
/// The feeds' resilience pipeline, outermost first: a total timeout, retries with exponential
/// backoff and jitter (transient failures: network errors, 408, 429, 5xx; a Retry-After header
/// sets the wait), a circuit breaker, and a timeout per attempt.
/// </summary>
public static class FeedResilience
{
    public const string PipelineName = "feeds";

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, FeedHttpOptions options)
    {
        builder
            .AddTimeout(new HttpTimeoutStrategyOptions { Name = "total", Timeout = options.TotalTimeout })
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldRetryAfterHeader = true,
            })
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakerBreakDuration,
            })
            .AddTimeout(new HttpTimeoutStrategyOptions { Name = "attempt", Timeout = options.AttemptTimeout });
    }
}
