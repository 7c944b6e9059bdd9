using System.Diagnostics;
using System.Globalization;

namespace Pipeline.Benchmarks;

/// <summary>What one child process cost: wall time from start to exit, and its peak resident set.</summary>
public sealed record ProcessCost(double Seconds, long PeakBytes, int ExitCode);

/// <summary>
/// Runs a child process to completion, timing it from before the start (process start included)
/// and polling /proc/PID/status VmHWM, the kernel's high-water mark of its resident set. The last
/// poll before exit is the peak; a spike inside the final poll interval could be missed.
/// </summary>
public static class MeasuredProcess
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

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
        long peak = 0;
        var exited = process.WaitForExitAsync(cancellationToken);
        while (!exited.IsCompleted)
        {
            peak = Math.Max(peak, ReadHighWaterMark(process.Id));
            await Task.WhenAny(exited, Task.Delay(PollInterval, cancellationToken));
        }
        await exited;
        clock.Stop();
        await copyOutput;
        var errorText = await errors;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}: {errorText}{(output is MemoryStream kept ? System.Text.Encoding.UTF8.GetString(kept.ToArray()) : "")}");
        }
        return new ProcessCost(clock.Elapsed.TotalSeconds, peak, process.ExitCode);
    }

    private static long ReadHighWaterMark(int processId)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{processId}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
            // The process exited between polls.
        }
        catch (UnauthorizedAccessException)
        {
        }
        return 0;
    }
}
