using Microsoft.Extensions.Logging;

namespace Pipeline.Core.Ingestion.Publishing;

/// <summary>
/// A lease on one curated partition, held as a row of the <c>partitions</c> table, so two
/// uploads for the same partner and period (processed at once on two instances or by two
/// runners) publish one after the other. The lease is short (<see cref="LeaseRenewal.Length"/>)
/// and renewed in the background while the holder works, so a holder that dies (SIGKILL, a
/// recycled instance) leaves a lease that others take over within seconds (at once on the same
/// machine: <see cref="LeaseHolder.IsGone"/>), while a live holder is never taken over. Renewals,
/// takeovers and the release are all conditional replaces on the row's ETag, so two holders can
/// never both think they hold it.
/// </summary>
public sealed class PartitionLock : IAsyncDisposable
{
    /// <summary>Longer than any one partition's publish takes, so only a stuck live holder makes a waiter give up.</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(2);

    private readonly ITableStore _tables;
    private readonly string _table;
    private readonly string _partitionKey;
    private readonly string _rowKey;
    private readonly TimeProvider _clock;
    private readonly LeaseRenewal _renewal;

    private PartitionLock(ITableStore tables, string table, TableRow lease, TimeProvider clock)
    {
        _tables = tables;
        _table = table;
        _partitionKey = lease.PartitionKey;
        _rowKey = lease.RowKey;
        Holder = lease["holder"]!;
        _clock = clock;
        _renewal = new LeaseRenewal(ExpiresAt(lease), TryRenewAsync, clock);
    }

    public string Holder { get; }

    /// <summary>Cancelled when a renewal finds the lease taken (this holder was stalled past its expiry): stop publishing.</summary>
    public CancellationToken Lost => _renewal.Lost;

    /// <param name="logger">Told, once, when the lease is held by another and must be waited for.</param>
    /// <exception cref="TimeoutException">A live holder kept the lease for longer than <see cref="GiveUpAfter"/>.</exception>
    public static async Task<PartitionLock> AcquireAsync(ITableStore tables, string table, string partitionKey, string rowKey, TimeProvider clock, ILogger logger, CancellationToken cancellationToken)
    {
        var holder = LeaseHolder.New();
        var giveUpAt = clock.GetUtcNow() + GiveUpAfter;
        var waiting = false;
        while (true)
        {
            var lease = Lease(partitionKey, rowKey, holder, clock);
            var current = await tables.TryInsertAsync(table, lease, cancellationToken)
                ? null
                : await tables.GetAsync(table, partitionKey, rowKey, cancellationToken);
            // current is null when this holder inserted the row, or when the row vanished meanwhile (then insert again).
            if (current is null || (LeaseRenewal.IsAbandoned(current["holder"], ExpiresAt(current), clock)
                && await tables.TryReplaceAsync(table, lease with { ETag = current.ETag }, cancellationToken)))
            {
                if (await tables.GetAsync(table, partitionKey, rowKey, cancellationToken) is { } held && held["holder"] == holder)
                {
                    return new PartitionLock(tables, table, held, clock);
                }
                continue;
            }
            if (clock.GetUtcNow() > giveUpAt)
            {
                throw new TimeoutException(
                    $"The lease {partitionKey} {rowKey} in {table} stayed held by {current["holder"]} (lease until {current["expires_at"]}).");
            }
            if (!waiting)
            {
                waiting = true;
                logger.LogInformation("Waiting for the lease {PartitionKey} {RowKey} in {Table}, held by {Holder} until {ExpiresAt}",
                    partitionKey, rowKey, table, current["holder"], current["expires_at"]);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50 + Random.Shared.Next(150)), clock, cancellationToken);
        }
    }

    /// <summary>
    /// Stops renewing and, if this holder still has the lease, marks it expired now, so the next
    /// holder takes it at once. The row stays (one per partition): a conditional replace is the
    /// release every table store honours (Azurite ignores If-Match on deletes), and a lost lease
    /// is left to its new holder.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _renewal.DisposeAsync();
        if (await _tables.GetAsync(_table, _partitionKey, _rowKey, CancellationToken.None) is { } current && current["holder"] == Holder)
        {
            var released = Lease(_partitionKey, _rowKey, Holder, _clock, _clock.GetUtcNow());
            await _tables.TryReplaceAsync(_table, released with { ETag = current.ETag }, CancellationToken.None);
        }
    }

    /// <summary>Replaces the lease with a later expiry, on the condition that it is still the version naming this holder.</summary>
    private async Task<DateTimeOffset?> TryRenewAsync(CancellationToken cancellationToken)
    {
        var current = await _tables.GetAsync(_table, _partitionKey, _rowKey, cancellationToken);
        if (current?["holder"] != Holder)
        {
            return null;
        }
        var renewed = Lease(_partitionKey, _rowKey, Holder, _clock);
        return await _tables.TryReplaceAsync(_table, renewed with { ETag = current.ETag }, cancellationToken) ? ExpiresAt(renewed) : null;
    }

    private static TableRow Lease(string partitionKey, string rowKey, string holder, TimeProvider clock, DateTimeOffset? expiresAt = null) =>
        new(partitionKey, rowKey, new Dictionary<string, string?>
        {
            ["holder"] = holder,
            ["expires_at"] = LeaseRenewal.Format(expiresAt ?? clock.GetUtcNow() + LeaseRenewal.Length),
        });

    private static DateTimeOffset ExpiresAt(TableRow lease) => LeaseRenewal.Parse(lease["expires_at"]);
}
