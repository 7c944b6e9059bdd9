namespace Pipeline.Reliability.Tests;

/// <summary>
/// The system clock, moved forward on demand: a retry "later" finds the leases a failed or
/// killed attempt left behind already expired, as a real retry after its back-off would, without
/// the test waiting out the leases (<see cref="Pipeline.Core.Storage.LeaseRenewal.Length"/>).
/// Timers stay real.
/// </summary>
public sealed class ShiftingClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
