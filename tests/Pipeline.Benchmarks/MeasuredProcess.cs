using System.Diagnostics;

namespace Pipeline.Benchmarks;

/// <summary>What one child process cost: wall time from start to exit, CPU time (user + system) and its peak resident set.</summary>
public sealed record ProcessCost(double Seconds, double CpuSeconds, long PeakBytes);

/// <summary>
/// Runs a child process to completion, timing it from before the start (process start included)
/// and polling /proc/PID/status VmHWM, the kernel's high-water mark of its resident set, and
/// /proc/PID/stat for its CPU time. The last poll before exit stands for the end: a spike, or the
/// CPU time, inside the final poll interval is missed. CPU time is what to compare on a shared,
/// loaded machine: wall time there includes waiting for a core.
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
        double cpu = 0;
        var exited = process.WaitForExitAsync(cancellationToken);
        while (!exited.IsCompleted)
        {
            peak = Math.Max(peak, ReadHighWaterMark(process.Id));
            cpu = Math.Max(cpu, ReadCpuSeconds(process.Id));
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
        return new ProcessCost(clock.Elapsed.TotalSeconds, cpu, peak);
    }

    /// <summary>utime + stime, fields 14 and 15 of /proc/PID/stat (after the command name, which may hold spaces), in clock ticks of 1/100 s.</summary>
    private static double ReadCpuSeconds(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / ClockTicksPerSecond;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private const double ClockTicksPerSecond = 100;

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
