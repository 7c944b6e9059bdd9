using System.Net;

namespace Pipeline.Testing;

/// <summary>
/// A <see cref="FeedServer"/> on a real socket (127.0.0.1, a free port), for a test of a host that builds
/// its own HTTP client, such as the runner reading a feeds file: each request is passed to the server.
/// </summary>
public sealed class LoopbackFeedHost : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpMessageInvoker _server;
    private readonly Task _loop;

    public LoopbackFeedHost(FeedServer server)
    {
        _server = new HttpMessageInvoker(server, disposeHandler: false);
        BaseUrl = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        _listener.Prefixes.Add(BaseUrl + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; }

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
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), context.Request.Url);
        foreach (var name in context.Request.Headers.AllKeys.OfType<string>())
        {
            request.Headers.TryAddWithoutValidation(name, context.Request.Headers.GetValues(name) ?? []);
        }
        using var answer = await _server.SendAsync(request, CancellationToken.None);
        using var response = context.Response;
        response.StatusCode = (int)answer.StatusCode;
        foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers))
        {
            if (name == "Content-Type")
            {
                response.ContentType = string.Join(", ", values);
            }
            else if (name != "Content-Length")
            {
                response.Headers[name] = string.Join(", ", values);
            }
        }
        var body = await answer.Content.ReadAsByteArrayAsync();
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body);
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
        _server.Dispose();
    }
}
