using System.Diagnostics;

namespace Pipeline.Core.Storage;

/// <summary>
/// Who holds a lease row (<c>{machine}:{process id}:{token}</c>), so that an operator reading the
/// row knows, and so that a process on the same machine can tell that the holder is dead (a
/// SIGKILL, a crash) and take over at once instead of waiting for the lease to run out.
/// </summary>
public static class LeaseHolder
{
    private static readonly string ThisProcess = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>A new holder name of this process: one per lease taken.</summary>
    public static string New() => $"{ThisProcess}:{Guid.NewGuid():N}";

    /// <summary>
    /// Whether <paramref name="holder"/> is a process of this machine that is no longer running.
    /// A process id the system has given to a newer process since the holder last renewed
    /// (<paramref name="renewedAt"/>) counts as gone too. Holders on other machines are never known
    /// to be gone: their leases run out.
    /// </summary>
    public static bool IsGone(string? holder, DateTimeOffset renewedAt)
    {
        var parts = holder?.Split(':');
        if (parts is not { Length: 3 } || parts[0] != Environment.MachineName
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var processId))
        {
            return false;
        }
        if (processId == Environment.ProcessId)
        {
            return false;
        }
        try
        {
            using var process = Process.GetProcessById(processId);
            return process.HasExited || process.StartTime.ToUniversalTime() > renewedAt.UtcDateTime;
        }
        catch (ArgumentException)
        {
            return true; // no process has that id
        }
        catch (InvalidOperationException)
        {
            return true; // it exited while being looked at
        }
    }
}

/// <summary>
/// Keeps a lease alive while its holder works: every <see cref="RenewEvery"/> it calls the
/// lease's own conditional renewal, which returns the new expiry, or null when the row no longer
/// names the holder. A renewal that throws (the store briefly unreachable) is retried on the next
/// tick; the lease counts as lost only when someone else holds it, or when it expired before a
/// renewal got through. Then <see cref="Lost"/> is cancelled, so the holder stops writing.
/// </summary>
public sealed class LeaseRenewal : IAsyncDisposable
{
    /// <summary>Short, so a holder that dies on another machine blocks others for seconds only.</summary>
    public static readonly TimeSpan Length = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(5);

    private readonly Func<CancellationToken, Task<DateTimeOffset?>> _tryRenew;
    private readonly TimeProvider _clock;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly Task _renewing;
    private DateTimeOffset _expiresAt;
    private int _stopped;

    public LeaseRenewal(DateTimeOffset expiresAt, Func<CancellationToken, Task<DateTimeOffset?>> tryRenew, TimeProvider clock)
    {
        _expiresAt = expiresAt;
        _tryRenew = tryRenew;
        _clock = clock;
        _renewing = RenewAsync(_stop.Token);
    }

    public CancellationToken Lost => _lost.Token;

    public static string Format(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    /// <summary>An expiry that cannot be read counts as past: it can only be a damaged row.</summary>
    public static DateTimeOffset Parse(string? time) =>
        DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : DateTimeOffset.MinValue;

    /// <summary>Whether a lease row's holder may be taken over: its lease ran out, or it is a dead process of this machine.</summary>
    public static bool IsAbandoned(string? holder, DateTimeOffset expiresAt, TimeProvider clock) =>
        expiresAt <= clock.GetUtcNow() || LeaseHolder.IsGone(holder, expiresAt - Length);

    private async Task RenewAsync(CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(RenewEvery, _clock, stop);
                DateTimeOffset? renewed;
                try
                {
                    renewed = await _tryRenew(stop);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    if (_expiresAt > _clock.GetUtcNow())
                    {
                        continue;
                    }
                    renewed = null;
                }
                if (renewed is not { } expiresAt)
                {
                    await _lost.CancelAsync();
                    return;
                }
                _expiresAt = expiresAt;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disposed: the holder is done.
        }
    }

    /// <summary>Stops renewing (once; later calls do nothing); the holder then releases its row its own way.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }
        await _stop.CancelAsync();
        await _renewing;
        _stop.Dispose();
        _lost.Dispose();
    }
}
