using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Core.Tests.Feeds;

/// <summary>
/// A real HTTP server on 127.0.0.1 and a free port: serves content by path with an ETag (and 304 to a
/// matching If-None-Match), plays queued faults first, and records every request it gets.
/// </summary>
public sealed class LoopbackFeedServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, byte[]> _content = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Fault>> _faults = new(StringComparer.Ordinal);
    private readonly Task _loop;

    public LoopbackFeedServer()
    {
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(BaseUrl + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; }

    public ConcurrentQueue<Request> Requests { get; } = new();

    /// <summary>Off: behave like a server that knows nothing of ETags (no header, never 304).</summary>
    public bool SendsETags { get; set; } = true;

    /// <summary>When set: sent as Last-Modified, and a request If-Modified-Since it or later gets 304.</summary>
    public DateTimeOffset? LastModified { get; set; }

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

    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => Answer(context));
        }
    }

    private void Answer(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        var ifNoneMatch = context.Request.Headers["If-None-Match"];
        var ifModifiedSince = context.Request.Headers["If-Modified-Since"];
        Requests.Enqueue(new Request(path, context.Request.Url.Query, ifNoneMatch, ifModifiedSince, Clock.Elapsed));
        using var response = context.Response;
        if (_faults.TryGetValue(path, out var faults) && faults.TryDequeue(out var fault))
        {
            response.StatusCode = (int)fault.Status;
            if (fault.RetryAfterSeconds is { } seconds)
            {
                response.Headers["Retry-After"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            return;
        }
        if (!_content.TryGetValue(path, out var content))
        {
            response.StatusCode = 404;
            return;
        }
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"";
        if (SendsETags)
        {
            response.Headers["ETag"] = etag;
        }
        if (LastModified is { } lastModified)
        {
            response.Headers["Last-Modified"] = lastModified.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        }
        if ((SendsETags && ifNoneMatch == etag)
            || (LastModified is { } modified && DateTimeOffset.TryParse(ifModifiedSince, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since) && since >= modified))
        {
            response.StatusCode = 304;
            return;
        }
        response.StatusCode = 200;
        response.ContentType = path.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "text/csv";
        response.ContentLength64 = content.Length;
        response.OutputStream.Write(content);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
