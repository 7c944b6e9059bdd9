using System.Diagnostics;

namespace Pipeline.Integration.Tests.Serving;

/// <summary>
/// Runs the real <c>pipeline serve</c> (the runner's dll, as child processes) on free loopback
/// ports over one <see cref="ServingTestLake"/>: as the default caller (a coordinator), as a
/// user of north-trust and as no one signed in; stops them by their process ids.
/// </summary>
public sealed class ServeFixture : IAsyncLifetime
{
    public const string PartnerCaller = "north-trust";

    private readonly List<ServeProcess> _processes = [];

    public ServingTestLake Lake { get; } = new();

    /// <summary>The coordinator's server, started without <c>--as</c>.</summary>
    public Uri BaseAddress => Coordinator.BaseAddress;
    public HttpClient Client => Coordinator.Client;

    /// <summary>What the coordinator's <c>pipeline serve</c> printed on standard output.</summary>
    public IReadOnlyList<string> Output => Coordinator.Output;

    public ServeProcess Coordinator { get; private set; } = null!;
    public ServeProcess Partner { get; private set; } = null!;
    public ServeProcess Anonymous { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Lake.WriteAsync(CancellationToken.None);
        Coordinator = await StartAsync();
        Partner = await StartAsync("--as", $"partner:{PartnerCaller}");
        Anonymous = await StartAsync("--as", "anonymous");
    }

    private async Task<ServeProcess> StartAsync(params string[] arguments)
    {
        var process = new ServeProcess();
        _processes.Add(process);
        await process.StartAsync(["serve", "--lake", Lake.Root, .. arguments]);
        return process;
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
        Lake.Dispose();
    }
}

/// <summary>One <c>pipeline serve</c> child process on a free loopback port, and a client for it.</summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private Process? _process;
    private readonly List<string> _output = [];

    public Uri BaseAddress { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    /// <summary>The id of the running <c>pipeline serve</c>, to read its memory from /proc.</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("pipeline serve is not started.");

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

    /// <summary>Starts <c>pipeline</c> with these arguments plus <c>--urls</c>; returns once it prints the dashboard address.</summary>
    public async Task StartAsync(IReadOnlyList<string> arguments)
    {
        var url = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        var start = RunnerProcess.StartInfo([.. arguments, "--urls", url]);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            lock (_output)
            {
                _output.Add(e.Data);
            }
            if (e.Data.Contains("/api/dashboard", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_output)
                {
                    _output.Add(e.Data);
                }
            }
        };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var finished = await Task.WhenAny(ready.Task, _process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        if (finished != ready.Task)
        {
            throw new InvalidOperationException("pipeline serve did not start: " + string.Join(Environment.NewLine, Output));
        }
        BaseAddress = new Uri(url + "/");
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ServeCollection : ICollectionFixture<ServeFixture>
{
    public const string Name = "pipeline serve";
}
