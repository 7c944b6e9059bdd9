using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Pipeline.Core.Feeds;

/// <summary>
/// What the feeds timer does: pulls every configured feed, page by page with conditional requests,
/// archives each new response raw, parses it, and writes the curated months. A feed fails alone:
/// nothing of its run reaches curated, and the other feeds go on.
/// </summary>
public sealed class LabourMarketFeeds(
    FeedHttpClient http,
    IObjectStore objects,
    FeedStateStore state,
    CuratedFeedWriter writer,
    IOptions<FeedsOptions> options,
    TimeProvider time,
    ILogger<LabourMarketFeeds> logger)
{
    /// <summary>Pulls the feeds of the <c>Pipeline:Feeds</c> settings.</summary>
    public Task<FeedRunSummary> PullConfiguredAsync(CancellationToken cancellationToken) =>
        PullAsync(options.Value.Feeds, cancellationToken);

    public async Task<FeedRunSummary> PullAsync(IReadOnlyList<FeedOptions> feeds, CancellationToken cancellationToken)
    {
        var results = new List<FeedResult>();
        foreach (var feed in feeds)
        {
            var result = await PullFeedAsync(feed, cancellationToken);
            Log(result);
            results.Add(result);
        }
        var summary = new FeedRunSummary(results);
        logger.LogInformation("Feeds run: {Feeds} feeds, {Updated} updated, {Unchanged} unchanged, {Failed} failed",
            results.Count, results.Count(r => r.Outcome == FeedOutcome.Updated),
            results.Count(r => r.Outcome == FeedOutcome.Unchanged), summary.Failed);
        return summary;
    }

    private async Task<FeedResult> PullFeedAsync(FeedOptions feed, CancellationToken cancellationToken)
    {
        var progress = new Progress();
        var problems = feed.Problems();
        if (problems.Count > 0)
        {
            return Failed(feed, progress, string.Join("; ", problems));
        }
        string? apiKey = null;
        try
        {
            apiKey = ApiKeyOf(feed);
            return feed.Kind switch
            {
                FeedKinds.NomisClaimants => await PullKindAsync(feed, FeedKindDefinitions.Claimants, apiKey, progress, cancellationToken),
                FeedKinds.AdzunaPostings => await PullKindAsync(feed, FeedKindDefinitions.Postings, apiKey, progress, cancellationToken),
                _ => await PullKindAsync(feed, FeedKindDefinitions.NhsVacancies, apiKey, progress, cancellationToken),
            };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            var cause = Describe(e);
            if (!string.IsNullOrEmpty(apiKey))
            {
                cause = cause.Replace(apiKey, FeedUrl.Redacted, StringComparison.Ordinal);
            }
            if (!IsExpected(e))
            {
                logger.LogError(e, "Feed {Feed} hit an unexpected error", feed.Name);
            }
            return Failed(feed, progress, cause);
        }
    }

    private async Task<FeedResult> PullKindAsync<T>(FeedOptions feed, FeedKind<T> kind, string? apiKey, Progress progress, CancellationToken cancellationToken)
        where T : class, new()
    {
        var fetchedAt = time.GetUtcNow();
        var pages = new List<Page<T>>();
        var lastPage = FeedUrl.IsPaged(feed.Url) ? feed.MaxPages : 1;
        for (var number = 1; number <= lastPage; number++)
        {
            var page = await FetchPageAsync(feed, kind, number, apiKey, fetchedAt, cancellationToken);
            pages.Add(page);
            if (page.Changed)
            {
                progress.PagesFetched++;
            }
            else
            {
                progress.PagesUnchanged++;
            }
            if (page.State.Results == 0)
            {
                break;
            }
        }
        if (pages.TrueForAll(page => !page.Changed))
        {
            return new FeedResult(feed.Name, feed.Kind, FeedOutcome.Unchanged, 0, progress.PagesUnchanged, 0, 0, [], null);
        }

        var rows = new List<T>();
        foreach (var page in pages)
        {
            rows.AddRange(page.Rows ?? await ParseArchivedAsync(kind, page.State.RawPath, fetchedAt, cancellationToken));
        }
        var written = await writer.WriteAsync(feed.Name, kind, rows, cancellationToken);
        foreach (var page in pages.Where(page => page.Changed))
        {
            await state.SaveAsync(feed.Name, page.State, fetchedAt, cancellationToken);
        }
        return new FeedResult(feed.Name, feed.Kind, FeedOutcome.Updated, progress.PagesFetched, progress.PagesUnchanged,
            written.RowsNew, written.RowsWritten, written.Periods, null);
    }

    /// <summary>
    /// One page. A 304, or a 200 with the very bytes of last time, keeps the state of the last pull,
    /// whose archived body is parsed only if another page changed.
    /// </summary>
    private async Task<Page<T>> FetchPageAsync<T>(FeedOptions feed, FeedKind<T> kind, int number, string? apiKey, DateTimeOffset fetchedAt, CancellationToken cancellationToken)
        where T : class, new()
    {
        var redactedUrl = FeedUrl.ExpandRedacted(feed.Url, number);
        var previous = await state.FindAsync(feed.Name, redactedUrl, cancellationToken);
        using var response = await http.GetAsync(feed.Name, new Uri(FeedUrl.Expand(feed.Url, number, apiKey)), previous?.Validators, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return previous is not null
                ? new Page<T>(previous, Rows: null, Changed: false)
                : throw new FeedFetchException($"{redactedUrl} answered 304 Not Modified to a request that was not conditional");
        }
        if (!response.IsSuccessStatusCode)
        {
            throw new FeedFetchException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase} from {redactedUrl}");
        }

        await using var body = await TempFile.CopyAsync(await response.Content.ReadAsStreamAsync(cancellationToken),
            options.Value.FeedHttp.MaxResponseBytes, cancellationToken);
        if (previous is not null && previous.Sha256 == body.Sha256)
        {
            // A server that ignores conditional requests sent the same bytes again: as good as a 304.
            return new Page<T>(previous, Rows: null, Changed: false);
        }
        var rawPath = await ArchiveAsync(feed, kind, number, redactedUrl, response, body, fetchedAt, cancellationToken);
        body.Stream.Position = 0;
        var rows = kind.Parse(body.Stream, $"{feed.Name} page {number} ({rawPath})", fetchedAt.UtcDateTime);
        return new Page<T>(new FeedPageState(redactedUrl, FeedValidators.Of(response), rawPath, body.Sha256, rows.Count), rows, Changed: true);
    }

    /// <summary>The body as received, then a small JSON sidecar saying where it came from (secret redacted).</summary>
    private async Task<string> ArchiveAsync<T>(FeedOptions feed, FeedKind<T> kind, int number, string redactedUrl,
        HttpResponseMessage response, TempFile body, DateTimeOffset fetchedAt, CancellationToken cancellationToken)
        where T : class, new()
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{fetchedAt.UtcDateTime:HHmmss}-page{number}-{LakePaths.Sha8(body.Sha256)}");
        var rawPath = LakePaths.RawFeedResponse(feed.Name, fetchedAt, name + kind.Extension);
        body.Stream.Position = 0;
        await objects.TryCreateAsync(rawPath, body.Stream, cancellationToken);
        var meta = new Dictionary<string, object?>
        {
            ["url"] = redactedUrl,
            ["kind"] = feed.Kind,
            ["status"] = (int)response.StatusCode,
            ["contentType"] = response.Content.Headers.ContentType?.ToString(),
            ["etag"] = response.Headers.ETag?.ToString(),
            ["lastModified"] = response.Content.Headers.LastModified,
            ["fetchedAt"] = fetchedAt,
            ["sha256"] = body.Sha256,
            ["bytes"] = body.Stream.Length,
        };
        using var metaStream = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(meta));
        await objects.TryCreateAsync(LakePaths.RawFeedResponse(feed.Name, fetchedAt, name + ".meta.json"), metaStream, cancellationToken);
        return rawPath;
    }

    private async Task<IReadOnlyList<T>> ParseArchivedAsync<T>(FeedKind<T> kind, string rawPath, DateTimeOffset fetchedAt, CancellationToken cancellationToken)
        where T : class, new()
    {
        if (await objects.GetInfoAsync(rawPath, cancellationToken) is null)
        {
            throw new FeedFetchException($"the server says {rawPath} is unchanged, but that archived copy is gone");
        }
        await using var stored = await objects.OpenReadAsync(rawPath, cancellationToken);
        await using var local = await TempFile.CopyAsync(stored, long.MaxValue, cancellationToken);
        return kind.Parse(local.Stream, rawPath, fetchedAt.UtcDateTime);
    }

    private static string? ApiKeyOf(FeedOptions feed)
    {
        if (string.IsNullOrWhiteSpace(feed.ApiKeyEnv))
        {
            return null;
        }
        var key = Environment.GetEnvironmentVariable(feed.ApiKeyEnv);
        return string.IsNullOrEmpty(key)
            ? throw new FeedFetchException($"the API key setting {feed.ApiKeyEnv} is not set")
            : key;
    }

    private static bool IsExpected(Exception e) =>
        e is FeedFormatException or FeedFetchException or HttpRequestException or TimeoutRejectedException or BrokenCircuitException;

    private static string Describe(Exception e) => e switch
    {
        FeedFormatException => $"malformed response: {e.Message}",
        FeedFetchException => e.Message,
        BrokenCircuitException => "the circuit breaker is open after repeated failures; the feed is not called until it closes",
        TimeoutRejectedException => $"timed out: {e.Message}",
        HttpRequestException => $"network error: {e.Message}",
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    private static FeedResult Failed(FeedOptions feed, Progress progress, string cause) =>
        new(feed.Name, feed.Kind, FeedOutcome.Failed, progress.PagesFetched, progress.PagesUnchanged, 0, 0, [], cause);

    private void Log(FeedResult result)
    {
        PipelineMetrics.FeedPulled(result);
        if (result.Outcome == FeedOutcome.Failed)
        {
            logger.LogError("Feed {Feed} ({Kind}) failed after {PagesFetched} pages fetched and {PagesUnchanged} unchanged: {Cause}",
                result.Feed, result.Kind, result.PagesFetched, result.PagesUnchanged, result.Cause);
            return;
        }
        logger.LogInformation(
            "Feed {Feed} ({Kind}) {Outcome}: {PagesFetched} pages fetched, {PagesUnchanged} unchanged, {RowsNew} new rows, {RowsWritten} rows written in {Periods} months",
            result.Feed, result.Kind, result.Outcome, result.PagesFetched, result.PagesUnchanged, result.RowsNew, result.RowsWritten, result.Periods.Count);
    }

    private sealed class Progress
    {
        public int PagesFetched { get; set; }
        public int PagesUnchanged { get; set; }
    }

    /// <param name="Rows">The parsed rows of a new body; null for a 304, whose rows are in the archive.</param>
    private sealed record Page<T>(FeedPageState State, IReadOnlyList<T>? Rows, bool Changed);
}

/// <summary>The feed could not be fetched: an HTTP error after retries, a missing secret, a broken conditional answer.</summary>
public sealed class FeedFetchException(string message) : Exception(message);
