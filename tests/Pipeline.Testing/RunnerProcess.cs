using System.Diagnostics;

namespace Pipeline.Testing;

/// <summary><c>pipeline</c> (the runner, built beside the tests) as an operator runs it: a process of its own, which a test may kill.</summary>
public sealed class RunnerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private RunnerProcess(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = StartInfo(arguments);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, line) => Append(line.Data);
        _process.ErrorDataReceived += (_, line) => Append(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static RunnerProcess Start(params string[] arguments) => new(arguments, new Dictionary<string, string>());

    /// <summary>Started with these environment variables besides the tests' own (settings such as <c>Logging__LogLevel__...</c>).</summary>
    public static RunnerProcess Start(IReadOnlyDictionary<string, string> environment, params string[] arguments) => new(arguments, environment);

    /// <summary>
    /// How to start the runner with <paramref name="arguments"/>, output redirected: with the
    /// <c>dotnet</c> host running the tests (the one on the PATH when the tests run otherwise).
    /// </summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pipeline.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return start;
    }

    /// <summary>Runs to the end (at most <paramref name="timeout"/>) and returns its exit code, output and wall time.</summary>
    public static Task<(int ExitCode, string Output, TimeSpan Elapsed)> RunAsync(TimeSpan timeout, params string[] arguments) =>
        RunAsync(timeout, new Dictionary<string, string>(), arguments);

    public static async Task<(int ExitCode, string Output, TimeSpan Elapsed)> RunAsync(TimeSpan timeout, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        using var runner = Start(environment, arguments);
        return await runner.WaitAsync(timeout);
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Its process id, to read its use of memory and CPU from /proc (<see cref="ProcessUsage"/>).</summary>
    public int Id => _process.Id;

    public async Task<(int ExitCode, string Output, TimeSpan Elapsed)> WaitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(limit.Token);
        return (_process.ExitCode, Output, _clock.Elapsed);
    }

    /// <summary>SIGKILL: nothing of the process runs after this, no finally block, no lease release.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }
        _process.Dispose();
    }
}
