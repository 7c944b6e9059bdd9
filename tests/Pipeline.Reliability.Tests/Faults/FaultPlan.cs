namespace Pipeline.Reliability.Tests.Faults;

/// <summary>How an injected storage call goes wrong.</summary>
public enum FaultKind
{
    /// <summary>The call throws before doing anything (a refused connection, a 503).</summary>
    Fail,

    /// <summary>The call hangs for a while, then throws as the SDK's timeout would.</summary>
    Timeout,

    /// <summary>A write sends part of its content, then the connection drops; other calls fail as <see cref="Fail"/>.</summary>
    PartialWrite,

    /// <summary>The process dies: this call and every later one of the dead process never reach storage.</summary>
    Crash,
}

/// <summary>Marks the exceptions the decorators throw, so the invariants can tell them from real failures.</summary>
public interface IInjectedFault;

public sealed class InjectedFaultException(string message) : IOException(message), IInjectedFault;

public sealed class InjectedTimeoutException(string message) : TimeoutException(message), IInjectedFault;

public sealed class InjectedCrashException(string message) : Exception(message), IInjectedFault;

/// <summary>Where a simulated kill happens: the <paramref name="Occurrence"/>th call of that name on a path or table starting with <paramref name="Target"/>.</summary>
public sealed record CrashPoint(string Name, string Call, string Target, int Occurrence = 1)
{
    public override string ToString() => Name;
}

/// <summary>
/// The one counter the object and table decorators of a lake share: every storage call takes
/// the next number, and the call whose number is armed fails with the armed kind, once.
/// </summary>
public sealed class FaultPlan
{
    /// <summary>How long a <see cref="FaultKind.Timeout"/> call hangs before it throws: long enough to be a real wait, short enough for hundreds of runs.</summary>
    public static readonly TimeSpan TimeoutDelay = TimeSpan.FromMilliseconds(20);

    private int _calls;
    private int _armedAt;
    private FaultKind _kind;
    private int _injected;
    private CrashPoint? _crashPoint;
    private int _crashMatches;
    private volatile bool _dead;

    /// <summary>Storage calls made since the plan was created or <see cref="Reset"/>.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public int Injected => Volatile.Read(ref _injected);

    /// <summary>The call that will fail, numbered from 1 after <see cref="Reset"/>; 0 when none.</summary>
    public void Arm(int call, FaultKind kind)
    {
        _kind = kind;
        Volatile.Write(ref _armedAt, call);
    }

    /// <summary>The process dies at that point: the call throws, and so does every later one until <see cref="Disarm"/> (the restart).</summary>
    public void Arm(CrashPoint point)
    {
        _crashMatches = 0;
        _crashPoint = point;
    }

    /// <summary>Whether the armed crash point was reached.</summary>
    public bool Crashed { get; private set; }

    public void Disarm()
    {
        Volatile.Write(ref _armedAt, 0);
        _crashPoint = null;
        _dead = false;
    }

    public void Reset()
    {
        Disarm();
        Crashed = false;
        Volatile.Write(ref _calls, 0);
    }

    /// <summary>Numbers a call; the kind of fault it must suffer, or null for a normal call.</summary>
    public FaultKind? Next(string call, string target)
    {
        if (_dead)
        {
            return FaultKind.Crash;
        }
        if (_crashPoint is { } point && point.Call == call && target.StartsWith(point.Target, StringComparison.Ordinal)
            && Interlocked.Increment(ref _crashMatches) == point.Occurrence)
        {
            _dead = true;
            Crashed = true;
            Interlocked.Increment(ref _injected);
            return FaultKind.Crash;
        }
        var number = Interlocked.Increment(ref _calls);
        if (number != Volatile.Read(ref _armedAt) || Interlocked.CompareExchange(ref _armedAt, 0, number) != number)
        {
            return null;
        }
        Interlocked.Increment(ref _injected);
        return _kind;
    }

    /// <summary>Throws the fault for a call that has nothing to write (or whose write cannot be split).</summary>
    public static async Task ThrowAsync(FaultKind kind, string call)
    {
        if (kind == FaultKind.Crash)
        {
            throw new InjectedCrashException($"Simulated kill at {call}.");
        }
        if (kind == FaultKind.Timeout)
        {
            await Task.Delay(TimeoutDelay);
            throw new InjectedTimeoutException($"Injected timeout on {call}.");
        }
        throw new InjectedFaultException($"Injected failure on {call}.");
    }
}
