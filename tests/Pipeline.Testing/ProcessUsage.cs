using System.Diagnostics;

namespace Pipeline.Testing;

/// <summary>
/// What a process's work cost, read from /proc: for the load tests' figures and the benchmark's
/// (reported, never asserted in a test: the machine is shared). CPU time is what to compare
/// there; wall time includes waiting for a core.
/// </summary>
public static class ProcessUsage
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// A child process (Linux), read from /proc until <paramref name="exited"/> completes: the kernel's
    /// high-water mark of its resident set (VmHWM) and its CPU time (user + system, in ticks of
    /// 1/100 s). The last read before exit stands for the end, so CPU time in the final interval is missed.
    /// </summary>
    public static async Task<(long PeakBytes, TimeSpan CpuTime)> OfChildAsync(int processId, Task exited)
    {
        long peak = 0;
        var cpu = TimeSpan.Zero;
        while (!exited.IsCompleted)
        {
            try
            {
                peak = Math.Max(peak, PeakResidentBytes(processId));
                cpu = TimeSpan.FromSeconds(Math.Max(cpu.TotalSeconds, CpuTicks(processId) / 100.0));
            }
            catch (IOException)
            {
                // It exited between two reads.
            }
            await Task.WhenAny(exited, Task.Delay(PollInterval));
        }
        return (peak, cpu);
    }

    /// <summary>
    /// Work in this process: how far the managed heap grew above where it stood before (sampled), and
    /// the process's CPU time meanwhile. Run it where no other test runs alongside (a collection that
    /// disables parallelisation), or the figures include theirs.
    /// </summary>
    public static async Task<(long PeakHeapGrowthBytes, TimeSpan CpuTime)> InProcessAsync(Func<Task> work)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var running = work();
        var peak = before;
        while (!running.IsCompleted)
        {
            peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
            await Task.WhenAny(running, Task.Delay(PollInterval));
        }
        await running;
        return (Math.Max(0, peak - before), Process.GetCurrentProcess().TotalProcessorTime - cpuBefore);
    }

    /// <summary>The kernel's high-water mark of a running process's resident set (VmHWM, kept for its whole life).</summary>
    /// <exception cref="IOException">The process has exited.</exception>
    public static long PeakResidentBytes(int processId)
    {
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }
        return 0;
    }

    /// <summary>utime + stime: fields 14 and 15 of /proc/PID/stat, counted after the command name (which may hold spaces).</summary>
    private static long CpuTicks(int processId)
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }
}
