using System.Diagnostics;

namespace Pipeline.Benchmarks;

/// <summary>What one child process cost: wall time from start to exit, CPU time (user + system) and its peak resident set.</summary>
public sealed record ProcessCost(double Seconds, double CpuSeconds, long PeakBytes);

/// <summary>
/// Runs a child process to completion, timing it from before the start (process start included),
/// with its peak resident set and CPU time polled from /proc (<see cref="ProcessUsage.OfChildAsync"/>:
/// a spike, or the CPU time, inside the final poll interval is missed). CPU time is what to
/// compare on a shared, loaded machine: wall time there includes waiting for a core.
/// </summary>
public static class MeasuredProcess
{
    public static async Task<ProcessCost> RunAsync(string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment,
        string? standardOutputPath, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        // Without a file, the output is kept only to explain a failure.
        await using Stream output = standardOutputPath is null ? new MemoryStream() : File.Create(standardOutputPath);
        var copyOutput = process.StandardOutput.BaseStream.CopyToAsync(output, cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        var exited = process.WaitForExitAsync(cancellationToken);
        var (peak, cpu) = await ProcessUsage.OfChildAsync(process.Id, exited);
        await exited;
        clock.Stop();
        await copyOutput;
        var errorText = await errors;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}: {errorText}{(output is MemoryStream kept ? System.Text.Encoding.UTF8.GetString(kept.ToArray()) : "")}");
        }
        return new ProcessCost(clock.Elapsed.TotalSeconds, cpu.TotalSeconds, peak);
    }
}
