using System.Globalization;
using Pipeline.Core.Storage;

namespace Pipeline.Core.Ingestion.Publishing;

/// <summary>
/// A lease on one curated partition, held as a row of the <c>partitions</c> table, so two
/// uploads for the same partner and period (processed at once on two instances) publish one
/// after the other. A lease left by a crashed instance expires.
/// </summary>
public sealed class PartitionLock : IAsyncDisposable
{
    private static readonly TimeSpan LeaseLength = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(2);

    private readonly ITableStore _tables;
    private readonly string _table;
    private readonly string _partitionKey;
    private readonly string _rowKey;
    private readonly string _holder;

    private PartitionLock(ITableStore tables, string table, string partitionKey, string rowKey, string holder)
    {
        _tables = tables;
        _table = table;
        _partitionKey = partitionKey;
        _rowKey = rowKey;
        _holder = holder;
    }

    /// <exception cref="TimeoutException">Another holder kept the lease for too long.</exception>
    public static async Task<PartitionLock> AcquireAsync(ITableStore tables, string table, string partitionKey, string rowKey, TimeProvider clock, CancellationToken cancellationToken)
    {
        var holder = Guid.NewGuid().ToString("N");
        var giveUpAt = clock.GetUtcNow() + GiveUpAfter;
        while (true)
        {
            var lease = new TableRow(partitionKey, rowKey, new Dictionary<string, string?>
            {
                ["holder"] = holder,
                ["expires_at"] = (clock.GetUtcNow() + LeaseLength).ToString("O", CultureInfo.InvariantCulture),
            });
            if (await tables.TryInsertAsync(table, lease, cancellationToken))
            {
                return new PartitionLock(tables, table, partitionKey, rowKey, holder);
            }
            var current = await tables.GetAsync(table, partitionKey, rowKey, cancellationToken);
            if (current is not null && Expired(current, clock)
                && await tables.TryReplaceAsync(table, lease with { ETag = current.ETag }, cancellationToken))
            {
                return new PartitionLock(tables, table, partitionKey, rowKey, holder);
            }
            if (clock.GetUtcNow() > giveUpAt)
            {
                throw new TimeoutException($"The curated partition {partitionKey} {rowKey} stayed locked by another upload.");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50 + Random.Shared.Next(150)), clock, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        var current = await _tables.GetAsync(_table, _partitionKey, _rowKey, CancellationToken.None);
        if (current?["holder"] == _holder)
        {
            await _tables.DeleteAsync(_table, _partitionKey, _rowKey, CancellationToken.None);
        }
    }

    private static bool Expired(TableRow lease, TimeProvider clock) =>
        DateTimeOffset.TryParse(lease["expires_at"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var expiresAt)
        && expiresAt < clock.GetUtcNow();
}
