using System.Net.Http.Headers;

namespace Pipeline.Core.Feeds;

/// <summary>
/// The typed HTTP client of the feeds. Each request carries its feed's name, by which the
/// resilience handler picks that feed's own pipeline, so one feed's open circuit never blocks another.
/// </summary>
public sealed class FeedHttpClient(HttpClient http)
{
    /// <summary>The named client's name, for a host that swaps its primary handler (the bundled samples).</summary>
    public const string ClientName = nameof(FeedHttpClient);

    private static readonly HttpRequestOptionsKey<string> FeedKey = new("pipeline.feed");

    /// <summary>The resilience pipeline key of a request: its feed's name.</summary>
    public static string PipelineKeyOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(FeedKey, out var feed) ? feed : "";

    /// <summary>A conditional GET; the caller disposes the response, whose body is not read yet.</summary>
    public Task<HttpResponseMessage> GetAsync(string feed, Uri url, FeedValidators? validators, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Options.Set(FeedKey, feed);
        if (validators?.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }
        if (validators?.LastModified is { } lastModified)
        {
            request.Headers.IfModifiedSince = lastModified;
        }
        return http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }
}

/// <summary>What a server said about the version of a response: sent back to ask "changed since?".</summary>
public sealed record FeedValidators(string? ETag, DateTimeOffset? LastModified)
{
    public static FeedValidators? Of(HttpResponseMessage response)
    {
        var etag = response.Headers.ETag?.ToString();
        var lastModified = response.Content.Headers.LastModified;
        return etag is null && lastModified is null ? null : new FeedValidators(etag, lastModified);
    }
}
