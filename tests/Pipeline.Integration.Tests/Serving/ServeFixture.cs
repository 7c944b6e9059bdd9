using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Pipeline.Tests.Shared;

namespace Pipeline.Integration.Tests.Serving;

/// <summary>
/// The real <c>pipeline serve</c> (the runner's dll, as a child process) on a free loopback port
/// over a folder lake, stopped by its process id.
/// </summary>
public sealed class PipelineServe : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private PipelineServe(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }
    public HttpClient Client { get; }

    /// <summary>What <c>pipeline serve</c> printed on standard output and error.</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_output)
            {
                return [.. _output];
            }
        }
    }

    public static async Task<PipelineServe> StartAsync(string lakeRoot)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "pipeline.dll"), "serve", "--lake", lakeRoot, "--urls", url })
        {
            start.ArgumentList.Add(argument);
        }
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var serve = new PipelineServe(new Process { StartInfo = start }, new Uri(url + "/"));
        serve._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            serve.Record(e.Data);
            if (e.Data.Contains("/api/dashboard", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        serve._process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                serve.Record(e.Data);
            }
        };
        serve._process.Start();
        serve._process.BeginOutputReadLine();
        serve._process.BeginErrorReadLine();
        var finished = await Task.WhenAny(ready.Task, serve._process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        if (finished != ready.Task)
        {
            await serve.DisposeAsync();
            throw new InvalidOperationException("pipeline serve did not start: " + string.Join(Environment.NewLine, serve.Output));
        }
        return serve;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void Record(string line)
    {
        lock (_output)
        {
            _output.Add(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary><c>pipeline serve</c> over a <see cref="ServingTestLake"/>, whose figures the tests know.</summary>
public sealed class ServeFixture : IAsyncLifetime
{
    private PipelineServe _serve = null!;

    public ServingTestLake Lake { get; } = new();
    public Uri BaseAddress => _serve.BaseAddress;
    public HttpClient Client => _serve.Client;
    public IReadOnlyList<string> Output => _serve.Output;

    public async Task InitializeAsync()
    {
        await Lake.WriteAsync(CancellationToken.None);
        _serve = await PipelineServe.StartAsync(Lake.Root);
    }

    public async Task DisposeAsync()
    {
        if (_serve is not null)
        {
            await _serve.DisposeAsync();
        }
        Lake.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ServeCollection : ICollectionFixture<ServeFixture>
{
    public const string Name = "pipeline serve";
}
