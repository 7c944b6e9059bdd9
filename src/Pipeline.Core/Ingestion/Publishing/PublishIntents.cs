namespace Pipeline.Core.Ingestion.Publishing;

/// <summary>
/// An upload's publish, written down before its first partition is touched (issue 9,
/// upload-level atomicity): which upload, which periods, by whom. While it is
/// <see cref="PublishIntents.Publishing"/> the upload is half applied, and the indicators are not
/// computed from its periods (<see cref="RecomputeWindow"/>). When every partition is done it is
/// <see cref="PublishIntents.Published"/> until a recompute has covered its periods, so a process
/// killed between publishing and recomputing leaves a trace the next run acts on
/// (<see cref="PublishRecovery"/>).
/// </summary>
public sealed record OpenIntent(string Dataset, string Partner, string Sha256, DateTimeOffset UploadedAt, string LandingPath,
    IReadOnlyList<Period> Periods, string State, string Holder, DateTimeOffset ExpiresAt, DateTimeOffset? PublishedAt, string RowKey)
{
    public LandingPath Landing => Ingestion.LandingPath.Parse(LandingPath);

    public string RawPath => LakePaths.RawUpload(Dataset, Partner, UploadedAt, Sha256, Landing.Extension);

    /// <summary>Whether the months this intent changes reach <paramref name="period"/>: a changed month, or one whose window of <paramref name="windowMonths"/> includes one.</summary>
    public bool Reaches(Period period, int windowMonths) =>
        Periods.Any(changed => changed <= period && period <= changed.AddMonths(windowMonths - 1));
}

/// <summary>The <c>publishintents</c> table: one row per upload being published (or published, awaiting its recompute).</summary>
public sealed class PublishIntents(ITableStore tables, TimeProvider clock)
{
    public const string Table = "publishintents";
    public const string Publishing = "publishing";
    public const string Published = "published";

    /// <summary>Records the intent and keeps it alive until <see cref="PublishIntent.CompleteAsync"/> or disposal.</summary>
    public async Task<PublishIntent> BeginAsync(LandingPath landing, string sha256, DateTimeOffset uploadedAt, IReadOnlyCollection<Period> periods, CancellationToken cancellationToken)
    {
        var holder = LeaseHolder.New();
        var row = new TableRow(TableKeys.Safe($"{landing.Dataset}|{landing.Partner}"), $"{sha256}|{holder.Split(':')[^1]}", new Dictionary<string, string?>
        {
            ["dataset"] = landing.Dataset,
            ["partner"] = landing.Partner,
            ["sha256"] = sha256,
            ["uploaded_at"] = LeaseRenewal.Format(uploadedAt),
            ["landing_path"] = landing.Path,
            ["periods"] = string.Join(',', periods.Order()),
            ["state"] = Publishing,
            ["holder"] = holder,
            ["expires_at"] = LeaseRenewal.Format(clock.GetUtcNow() + LeaseRenewal.Length),
        });
        await tables.UpsertAsync(Table, row, cancellationToken);
        return new PublishIntent(this, row, clock);
    }

    public async Task<IReadOnlyList<OpenIntent>> ListAsync(CancellationToken cancellationToken)
    {
        var intents = new List<OpenIntent>();
        await foreach (var row in tables.QueryAsync(Table, null, cancellationToken))
        {
            intents.Add(ToIntent(row));
        }
        return intents;
    }

    /// <summary>Whether the intent's holder is gone (its lease ran out, or its process died): a publishing intent is then to be rolled forward.</summary>
    public bool IsAbandoned(OpenIntent intent) => LeaseRenewal.IsAbandoned(intent.Holder, intent.ExpiresAt, clock);

    /// <summary>Removes an intent once its recompute is done; the row named is the one removed, whoever else publishes the same upload.</summary>
    public Task RemoveAsync(OpenIntent intent, CancellationToken cancellationToken) =>
        tables.DeleteAsync(Table, TableKeys.Safe($"{intent.Dataset}|{intent.Partner}"), intent.RowKey, cancellationToken);

    internal async Task<DateTimeOffset?> TryRenewAsync(TableRow begun, CancellationToken cancellationToken)
    {
        var current = await tables.GetAsync(Table, begun.PartitionKey, begun.RowKey, cancellationToken);
        if (current is null || current["holder"] != begun["holder"] || current["state"] != Publishing)
        {
            return null;
        }
        var expiresAt = clock.GetUtcNow() + LeaseRenewal.Length;
        var renewed = current with { Values = new Dictionary<string, string?>(current.Values) { ["expires_at"] = LeaseRenewal.Format(expiresAt) } };
        return await tables.TryReplaceAsync(Table, renewed, cancellationToken) ? expiresAt : null;
    }

    /// <summary>
    /// Marks the intent published with the periods the upload changed (its recompute's to do), or
    /// removes it when it changed none; and removes the intents of the same upload that dead
    /// holders left: this publish completed them.
    /// </summary>
    internal async Task CompleteAsync(TableRow begun, IReadOnlyCollection<Period> changed, CancellationToken cancellationToken)
    {
        await foreach (var row in tables.QueryAsync(Table, begun.PartitionKey, cancellationToken))
        {
            if (row.RowKey != begun.RowKey && row["sha256"] == begun["sha256"] && ToIntent(row) is { State: Publishing } stale && IsAbandoned(stale))
            {
                await tables.DeleteAsync(Table, row.PartitionKey, row.RowKey, cancellationToken);
            }
        }
        if (changed.Count == 0)
        {
            await tables.DeleteAsync(Table, begun.PartitionKey, begun.RowKey, cancellationToken);
            return;
        }
        await tables.UpsertAsync(Table, begun with
        {
            Values = new Dictionary<string, string?>(begun.Values)
            {
                ["periods"] = string.Join(',', changed.Order()),
                ["state"] = Published,
                ["published_at"] = LeaseRenewal.Format(clock.GetUtcNow()),
            },
        }, cancellationToken);
    }

    private static OpenIntent ToIntent(TableRow row) => new(
        row["dataset"] ?? "",
        row["partner"] ?? "",
        row["sha256"] ?? "",
        LeaseRenewal.Parse(row["uploaded_at"]),
        row["landing_path"] ?? "",
        (row["periods"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Period.Parse).ToList(),
        row["state"] ?? Publishing,
        row["holder"] ?? "",
        LeaseRenewal.Parse(row["expires_at"]),
        row["published_at"] is { } publishedAt ? LeaseRenewal.Parse(publishedAt) : null,
        row.RowKey);
}

/// <summary>One publish in progress: its intent row, renewed while the partitions are written.</summary>
public sealed class PublishIntent : IAsyncDisposable
{
    private readonly PublishIntents _intents;
    private readonly TableRow _row;
    private readonly LeaseRenewal _renewal;

    internal PublishIntent(PublishIntents intents, TableRow row, TimeProvider clock)
    {
        _intents = intents;
        _row = row;
        _renewal = new LeaseRenewal(LeaseRenewal.Parse(row["expires_at"]), ct => intents.TryRenewAsync(row, ct), clock);
    }

    /// <summary>Cancelled when the intent was taken as abandoned (this process stalled past its lease): stop publishing.</summary>
    public CancellationToken Lost => _renewal.Lost;

    /// <summary>Every partition is done: the upload is whole; it waits for the recompute of the periods it <paramref name="changed"/>.</summary>
    public async Task CompleteAsync(IReadOnlyCollection<Period> changed, CancellationToken cancellationToken)
    {
        await _renewal.DisposeAsync();
        await _intents.CompleteAsync(_row, changed, cancellationToken);
    }

    /// <summary>A publish that failed leaves its intent publishing, for the retry or the next run to roll forward.</summary>
    public async ValueTask DisposeAsync() => await _renewal.DisposeAsync();
}

/// <summary>
/// A recompute's read of the lake, made while no upload reaching its periods is half published.
/// Open it before the lake is read; intents are compared by their rows before and after the read,
/// not by clocks, so clock skew between machines does not matter. A live publish reaching the
/// periods makes the read wait for it and start again; a dead one's periods are left alone
/// (<see cref="HalfPublished"/>) until it is rolled forward, whose recompute writes them.
/// </summary>
public sealed class RecomputeWindow
{
    /// <summary>How long a recompute waits for live publishes before it leaves their periods alone too.</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    private readonly PublishIntents _intents;
    private IReadOnlyList<OpenIntent> _afterLoad = [];
    private IReadOnlyDictionary<string, OpenIntent> _beforeLoad = new Dictionary<string, OpenIntent>();

    private RecomputeWindow(PublishIntents intents) => _intents = intents;

    /// <summary>Periods of the recompute that an upload reaches while half published (by a dead process, or for longer than <see cref="GiveUpAfter"/>).</summary>
    public IReadOnlySet<Period> HalfPublished { get; private set; } = new HashSet<Period>();

    /// <summary>Runs <paramref name="load"/> until it ran with no upload reaching <paramref name="periods"/> half published, except dead ones.</summary>
    public static async Task<(RecomputeWindow Window, T Inputs)> LoadAsync<T>(PublishIntents intents, IReadOnlyCollection<Period> periods, int windowMonths,
        Func<Task<T>> load, TimeProvider clock, CancellationToken cancellationToken)
    {
        var window = new RecomputeWindow(intents);
        var giveUpAt = clock.GetUtcNow() + GiveUpAfter;
        while (true)
        {
            window._beforeLoad = (await intents.ListAsync(cancellationToken)).ToDictionary(intent => intent.RowKey);
            var inputs = await load();
            window._afterLoad = await intents.ListAsync(cancellationToken);
            var reaching = window._afterLoad.Where(window.IsMoving).Where(intent => periods.Any(period => intent.Reaches(period, windowMonths))).ToList();
            var waitFor = reaching.Where(intent => !intents.IsAbandoned(intent)).ToList();
            if (waitFor.Count == 0 || clock.GetUtcNow() > giveUpAt)
            {
                window.HalfPublished = periods.Where(period => reaching.Any(intent => intent.Reaches(period, windowMonths))).ToHashSet();
                return (window, inputs);
            }
            if (waitFor.Any(intent => intent.State == PublishIntents.Publishing))
            {
                await Task.Delay(Pause, clock, cancellationToken);
            }
        }
    }

    /// <summary>Removes the published intents that were whole before the lake was read and whose affected periods this recompute wrote, all of them.</summary>
    public async Task SettleAsync(IReadOnlyCollection<Period> written, Func<OpenIntent, Task<IReadOnlyList<Period>>> affectedBy, CancellationToken cancellationToken)
    {
        var writtenSet = written.ToHashSet();
        foreach (var intent in _afterLoad.Where(intent => !IsMoving(intent)))
        {
            if ((await affectedBy(intent)).All(writtenSet.Contains))
            {
                await _intents.RemoveAsync(intent, cancellationToken);
            }
        }
    }

    /// <summary>Publishing now, or published but not yet before the read began (it was publishing, or began and finished, during it).</summary>
    private bool IsMoving(OpenIntent intent) =>
        intent.State != PublishIntents.Published || !_beforeLoad.TryGetValue(intent.RowKey, out var before) || before.State != PublishIntents.Published;
}
