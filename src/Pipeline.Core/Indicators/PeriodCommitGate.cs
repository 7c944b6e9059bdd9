namespace Pipeline.Core.Indicators;

/// <summary>
/// Keeps each period's outputs (Parquet file and serving rows) from one computation when
/// recomputes race. A recompute takes a ticket before it reads the lake; it may write only
/// while it holds the period's lease, and only when no later ticket has been written already.
/// So the last state is always the output of the latest ticket that finished, never a mix.
/// The state lives in the indicators table, partition <see cref="StatePartition"/>, one row per period.
/// The lease is short and renewed while the write runs (<see cref="LeaseRenewal"/>), and names its
/// holder, so a recompute killed mid-write holds the period up for seconds, not minutes.
/// </summary>
public sealed class PeriodCommitGate(ITableStore tables, TimeProvider time)
{
    public const string StatePartition = "_recompute";

    private static readonly TimeSpan Backoff = TimeSpan.FromMilliseconds(20);

    /// <summary>Takes the next ticket for a period. Call before reading the data the output is computed from.</summary>
    public async Task<long> TakeTicketAsync(string period, CancellationToken cancellationToken)
    {
        while (true)
        {
            var row = await tables.GetAsync(IndicatorStore.Table, StatePartition, period, cancellationToken);
            if (row is null)
            {
                if (await tables.TryInsertAsync(IndicatorStore.Table, State(period, requested: 1, committed: 0, lease: null), cancellationToken))
                {
                    return 1;
                }
                continue;
            }
            var ticket = Number(row, "requested") + 1;
            if (await tables.TryReplaceAsync(IndicatorStore.Table, With(row, requested: ticket), cancellationToken))
            {
                return ticket;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/> under the period's lease unless a later ticket was written
    /// already; returns whether it wrote.
    /// </summary>
    public async Task<bool> CommitAsync(string period, long ticket, Func<CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var lease = LeaseHolder.New();
        while (true)
        {
            var row = await tables.GetAsync(IndicatorStore.Table, StatePartition, period, cancellationToken)
                ?? throw new InvalidOperationException($"No ticket was taken for period {period}");
            if (Number(row, "committed") >= ticket)
            {
                return false;
            }
            if (LeaseHeld(row) || !await tables.TryReplaceAsync(IndicatorStore.Table, With(row, lease: lease), cancellationToken))
            {
                await Task.Delay(Backoff, cancellationToken);
                continue;
            }
            var written = false;
            try
            {
                await using var renewal = new LeaseRenewal(time.GetUtcNow() + LeaseRenewal.Length, ct => TryRenewAsync(period, lease, ct), time);
                using var whileHeld = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, renewal.Lost);
                await write(whileHeld.Token);
                written = true;
            }
            finally
            {
                // Not cancellable: a cancelled writer must still give the lease back.
                await ReleaseAsync(period, lease, written ? ticket : null, CancellationToken.None);
            }
            return true;
        }
    }

    private async Task ReleaseAsync(string period, string lease, long? committed, CancellationToken cancellationToken)
    {
        while (true)
        {
            var row = await tables.GetAsync(IndicatorStore.Table, StatePartition, period, cancellationToken);
            if (row is null || row["lease_owner"] != lease)
            {
                return;
            }
            var newCommitted = Math.Max(Number(row, "committed"), committed ?? 0);
            var released = new Dictionary<string, string?>(row.Values)
            {
                ["committed"] = newCommitted.ToString(CultureInfo.InvariantCulture),
                ["lease_owner"] = null,
                ["lease_until"] = null,
            };
            if (await tables.TryReplaceAsync(IndicatorStore.Table, row with { Values = released }, cancellationToken))
            {
                return;
            }
        }
    }

    /// <summary>Pushes the lease's expiry on while the row still names this writer; other fields (new tickets) may change meanwhile.</summary>
    private async Task<DateTimeOffset?> TryRenewAsync(string period, string lease, CancellationToken cancellationToken)
    {
        while (true)
        {
            var row = await tables.GetAsync(IndicatorStore.Table, StatePartition, period, cancellationToken);
            if (row is null || row["lease_owner"] != lease)
            {
                return null;
            }
            var renewed = With(row, lease: lease);
            if (await tables.TryReplaceAsync(IndicatorStore.Table, renewed, cancellationToken))
            {
                return LeaseRenewal.Parse(renewed["lease_until"]);
            }
        }
    }

    private bool LeaseHeld(TableRow row) =>
        !string.IsNullOrEmpty(row["lease_owner"]) && !LeaseRenewal.IsAbandoned(row["lease_owner"], LeaseRenewal.Parse(row["lease_until"]), time);

    private TableRow With(TableRow row, long? requested = null, string? lease = null)
    {
        var values = new Dictionary<string, string?>(row.Values);
        if (requested is { } ticket)
        {
            values["requested"] = ticket.ToString(CultureInfo.InvariantCulture);
        }
        if (lease is not null)
        {
            values["lease_owner"] = lease;
            values["lease_until"] = LeaseRenewal.Format(time.GetUtcNow() + LeaseRenewal.Length);
        }
        return row with { Values = values };
    }

    private static TableRow State(string period, long requested, long committed, string? lease) => new(StatePartition, period, new Dictionary<string, string?>
    {
        ["requested"] = requested.ToString(CultureInfo.InvariantCulture),
        ["committed"] = committed.ToString(CultureInfo.InvariantCulture),
        ["lease_owner"] = lease,
        ["lease_until"] = null,
    });

    private static long Number(TableRow row, string name) =>
        long.TryParse(row[name], NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : 0;
}
