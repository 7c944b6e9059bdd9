using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;

namespace Pipeline.Testing;

/// <summary>
/// The feed servers, in process: an <see cref="HttpMessageHandler"/> that serves content by path with an
/// ETag (and 304 to a matching If-None-Match), plays queued faults first, and records every request.
/// <see cref="UseFeedServer"/> puts it under the feeds' real client and resilience handler.
/// </summary>
public sealed class FeedServer : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, byte[]> _content = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Fault>> _faults = new(StringComparer.Ordinal);

    /// <summary>Any host does; this one says where the requests go.</summary>
    public string BaseUrl { get; init; } = "http://feeds.test";

    public ConcurrentQueue<Request> Requests { get; } = new();

    /// <summary>Off: behave like a server that knows nothing of ETags (no header, never 304).</summary>
    public bool SendsETags { get; set; } = true;

    /// <summary>When set: sent as Last-Modified, and a request If-Modified-Since it or later gets 304.</summary>
    public DateTimeOffset? LastModified { get; set; }

    /// <param name="ArrivedAt">By Environment.TickCount64: the clock .NET timers (so the retry delays) run on.</param>
    public sealed record Request(string Path, string Query, string? IfNoneMatch, string? IfModifiedSince, TimeSpan ArrivedAt);

    /// <param name="RetryAfterSeconds">Sent as a Retry-After header when set.</param>
    public sealed record Fault(HttpStatusCode Status, int? RetryAfterSeconds = null);

    public void Serve(string path, byte[] content) => _content[path] = content;

    public void Serve(string path, string text) => Serve(path, Encoding.UTF8.GetBytes(text));

    public void ServeFile(string path, string file) => Serve(path, File.ReadAllBytes(file));

    /// <summary>The next requests to that path get these answers, in order, before the content.</summary>
    public void Fail(string path, params Fault[] faults)
    {
        var queue = _faults.GetOrAdd(path, _ => new ConcurrentQueue<Fault>());
        foreach (var fault in faults)
        {
            queue.Enqueue(fault);
        }
    }

    public IReadOnlyList<Request> RequestsTo(string path) => Requests.Where(r => r.Path == path).ToList();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(Answer(request));

    private HttpResponseMessage Answer(HttpRequestMessage request)
    {
        var url = request.RequestUri!;
        var ifNoneMatch = request.Headers.TryGetValues("If-None-Match", out var tags) ? string.Join(", ", tags) : null;
        var ifModifiedSince = request.Headers.TryGetValues("If-Modified-Since", out var since) ? string.Join(", ", since) : null;
        Requests.Enqueue(new Request(url.AbsolutePath, url.Query, ifNoneMatch, ifModifiedSince, TimeSpan.FromMilliseconds(Environment.TickCount64)));
        var response = new HttpResponseMessage { RequestMessage = request };
        if (_faults.TryGetValue(url.AbsolutePath, out var faults) && faults.TryDequeue(out var fault))
        {
            response.StatusCode = fault.Status;
            if (fault.RetryAfterSeconds is { } seconds)
            {
                response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
            }
            return response;
        }
        if (!_content.TryGetValue(url.AbsolutePath, out var content))
        {
            response.StatusCode = HttpStatusCode.NotFound;
            return response;
        }
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"";
        if (SendsETags)
        {
            response.Headers.ETag = EntityTagHeaderValue.Parse(etag);
        }
        if ((SendsETags && ifNoneMatch == etag)
            || (LastModified is { } modified && DateTimeOffset.TryParse(ifModifiedSince, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var asked) && asked >= modified))
        {
            response.StatusCode = HttpStatusCode.NotModified;
            response.Content = new ByteArrayContent([]);
            response.Content.Headers.LastModified = LastModified;
            return response;
        }
        response.StatusCode = HttpStatusCode.OK;
        response.Content = new ByteArrayContent(content);
        response.Content.Headers.ContentType = new MediaTypeHeaderValue(url.AbsolutePath.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "text/csv");
        response.Content.Headers.LastModified = LastModified;
        return response;
    }
}

public static class FeedServerRegistration
{
    /// <summary>The feeds' HTTP client sends to <paramref name="server"/> (the client's own resilience handler stays in front).</summary>
    public static IServiceCollection UseFeedServer(this IServiceCollection services, FeedServer server)
    {
        services.AddHttpClient(FeedHttpClient.ClientName).ConfigurePrimaryHttpMessageHandler(() => server);
        return services;
    }
}
