using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Pipeline.Core.Tests.Ingestion.Publishing;

/// <summary>
/// The partition lease on a fake clock: time moves only when a test advances it, so expiry and
/// renewal are tested without sleeping. Table calls are real (SQLite), so after each step the
/// test waits, in real time, for the background work the step started.
/// </summary>
public sealed class PartitionLockTests : IDisposable
{
    private const string Table = "partitions";
    private const string Partition = "vacancies|nhs-north";
    private const string Row = "2026-01|lock";

    private readonly string _folder = Directory.CreateTempSubdirectory("lock-").FullName;
    private readonly SqliteTableStore _tables;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token;

    /// <summary>What the waiter logged: a wait is told once; a lease taken at once tells nothing.</summary>
    private readonly FakeLogger _log = new();

    public PartitionLockTests() => _tables = new SqliteTableStore(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task AcquireAsync_LeaseOfAKilledHolder_IsTakenOverSoonAfterItExpires()
    {
        // What a runner killed with SIGKILL leaves: a lease nobody renews any more.
        var deadHolder = "other-machine:4242:dead";
        await _tables.UpsertAsync(Table, LeaseRow(deadHolder, _clock.GetUtcNow() + LeaseRenewal.Length), _ct);

        var acquiring = PartitionLock.AcquireAsync(_tables, Table, Partition, Row, _clock, _log, _ct);
        await AdvanceAsync(LeaseRenewal.Length - TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        Assert.False(acquiring.IsCompleted, "the lease was taken before it expired");
        await AdvanceAsync(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(250));
        await using var taken = await acquiring.WaitAsync(TimeSpan.FromSeconds(20), _ct);

        var stored = await _tables.GetAsync(Table, Partition, Row, _ct);
        Assert.Equal(taken.Holder, stored!["holder"]);
        Assert.NotEqual(deadHolder, taken.Holder);
    }

    [Fact]
    public async Task AcquireAsync_LeaseOfAKilledProcessOfThisMachine_IsTakenOverAtOnce()
    {
        using var killed = System.Diagnostics.Process.Start("true")!;
        await killed.WaitForExitAsync(_ct);
        var deadHolder = $"{Environment.MachineName}:{killed.Id}:dead";
        await _tables.UpsertAsync(Table, LeaseRow(deadHolder, _clock.GetUtcNow() + LeaseRenewal.Length), _ct);

        await using var taken = await PartitionLock.AcquireAsync(_tables, Table, Partition, Row, _clock, _log, _ct).WaitAsync(TimeSpan.FromSeconds(20), _ct);

        Assert.Equal(taken.Holder, (await _tables.GetAsync(Table, Partition, Row, _ct))!["holder"]);
        Assert.Equal(0, _log.Collector.Count);
    }

    [Fact]
    public async Task AcquireAsync_LeaseOfALiveProcessOfThisMachine_WaitsUntilThatProcessDies()
    {
        using var holder = System.Diagnostics.Process.Start("sleep", "60")!;
        // Renewed long after the holder started (real time: the process's start time is real), and far from expiry on the fake clock.
        await _tables.UpsertAsync(Table, LeaseRow($"{Environment.MachineName}:{holder.Id}:alive", DateTimeOffset.UtcNow + TimeSpan.FromHours(1)), _ct);

        var acquiring = PartitionLock.AcquireAsync(_tables, Table, Partition, Row, _clock, _log, _ct);
        await Task.Delay(500, _ct);
        Assert.False(acquiring.IsCompleted, "a live process's lease was taken over");

        holder.Kill();
        await holder.WaitForExitAsync(_ct);
        await AdvanceAsync(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(250)); // the waiter's pause between tries, far short of any expiry
        await using var taken = await acquiring.WaitAsync(TimeSpan.FromSeconds(20), _ct);
        Assert.Equal(taken.Holder, (await _tables.GetAsync(Table, Partition, Row, _ct))!["holder"]);
        var wait = Assert.Single(_log.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Information, wait.Level);
        Assert.Contains($"held by {Environment.MachineName}:{holder.Id}:alive", wait.Message);
    }

    [Fact]
    public async Task AcquireAsync_LiveHolderRenewing_IsNeverTakenOverAndTheWaiterGivesUp()
    {
        await using var live = await PartitionLock.AcquireAsync(_tables, Table, Partition, Row, _clock, _log, _ct);

        var waiting = PartitionLock.AcquireAsync(_tables, Table, Partition, Row, _clock, _log, _ct);
        var waited = TimeSpan.Zero;
        while (waited <= PartitionLock.GiveUpAfter + LeaseRenewal.RenewEvery && !waiting.IsCompleted)
        {
            await AdvanceAsync(LeaseRenewal.RenewEvery, TimeSpan.FromSeconds(1));
            await WaitForAsync(async () => await ExpiresAtAsync() >= _clock.GetUtcNow() + LeaseRenewal.Length - LeaseRenewal.RenewEvery);
            waited += LeaseRenewal.RenewEvery;
        }

        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(20), _ct));
        Assert.Contains(live.Holder, timeout.Message);
        Assert.False(live.Lost.IsCancellationRequested);
        Assert.Equal(live.Holder, (await _tables.GetAsync(Table, Partition, Row, _ct))!["holder"]);
    }

    [Fact]
    public async Task DisposeAsync_Released_NextHolderGetsItAtOnce()
    {
        var first = await PartitionLock.AcquireAsync(_tables, Table, Partition, Row, _clock, _log, _ct);
        await first.DisposeAsync();

        await using var second = await PartitionLock.AcquireAsync(_tables, Table, Partition, Row, _clock, _log, _ct).WaitAsync(TimeSpan.FromSeconds(20), _ct);

        Assert.NotEqual(first.Holder, second.Holder);
        Assert.Equal(second.Holder, (await _tables.GetAsync(Table, Partition, Row, _ct))!["holder"]);
        Assert.Equal(0, _log.Collector.Count);
    }

    [Fact]
    public async Task Lost_HolderStalledPastExpiryAndTakenOver_IsCancelledAndItsReleaseLeavesTheNewLease()
    {
        var stalled = await PartitionLock.AcquireAsync(_tables, Table, Partition, Row, _clock, _log, _ct);
        // Another holder takes the row over, as one would after the stalled holder's lease expired.
        var row = (await _tables.GetAsync(Table, Partition, Row, _ct))!;
        Assert.True(await _tables.TryReplaceAsync(Table, LeaseRow("other:1:new", _clock.GetUtcNow() + LeaseRenewal.Length) with { ETag = row.ETag }, _ct));

        await AdvanceAsync(LeaseRenewal.RenewEvery, TimeSpan.FromSeconds(1));
        await WaitForAsync(() => Task.FromResult(stalled.Lost.IsCancellationRequested));
        await stalled.DisposeAsync();

        Assert.Equal("other:1:new", (await _tables.GetAsync(Table, Partition, Row, _ct))!["holder"]);
    }

    /// <summary>Moves the fake clock on in steps, letting the work each step wakes run in real time.</summary>
    private async Task AdvanceAsync(TimeSpan total, TimeSpan step)
    {
        for (var moved = TimeSpan.Zero; moved < total; moved += step)
        {
            _clock.Advance(step);
            await Task.Delay(20, _ct);
        }
    }

    private async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "the condition did not come true within 20 s");
            await Task.Delay(10, _ct);
        }
    }

    private async Task<DateTimeOffset> ExpiresAtAsync() =>
        DateTimeOffset.Parse((await _tables.GetAsync(Table, Partition, Row, _ct))!["expires_at"]!, CultureInfo.InvariantCulture);

    private static TableRow LeaseRow(string holder, DateTimeOffset expiresAt) =>
        new(Partition, Row, new Dictionary<string, string?>
        {
            ["holder"] = holder,
            ["expires_at"] = expiresAt.ToString("O", CultureInfo.InvariantCulture),
        });
}
