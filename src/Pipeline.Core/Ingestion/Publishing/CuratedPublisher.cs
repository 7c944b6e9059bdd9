using Microsoft.Extensions.Logging;

namespace Pipeline.Core.Ingestion.Publishing;

/// <summary>An upload's periods: those it now holds (or held already), and those a newer upload holds.</summary>
public sealed record UploadPublication(IReadOnlyList<Period> Published, IReadOnlyList<Period> Superseded);

public enum PublishOutcome
{
    /// <summary>This upload's rows are now the partition's data.</summary>
    Published,

    /// <summary>The partition already holds exactly this upload (a retry).</summary>
    AlreadyPublished,

    /// <summary>A newer upload holds the partition; this one's rows for the period were not applied.</summary>
    Superseded,
}

/// <summary>
/// Replaces a partner's curated data for one period with an upload's (SPEC "Submission
/// rules"): the newest upload by upload time wins, ties broken by the larger SHA-256, even
/// when an older one is processed later. The <c>partitions</c> table records which upload
/// owns each partition; publishers of one partition take turns under a <see cref="PartitionLock"/>.
/// The new part file is complete before it appears, and takes the old part's place in one step.
/// An upload's periods are published under one <see cref="PublishIntent"/>, so that a half-published
/// upload is known as such until it is completed.
/// </summary>
public sealed class CuratedPublisher(IObjectStore objects, ITableStore tables, PublishIntents intents, TimeProvider clock, ILogger<CuratedPublisher> logger)
{
    public const string Table = "partitions";

    /// <summary>
    /// Publishes every staged period of one upload, in period order, under a publish intent
    /// recorded first and completed last. A failure part-way leaves the intent publishing: the
    /// indicators leave those periods alone until the retry (or <see cref="PublishRecovery"/>)
    /// publishes the same upload again, which finds the periods already done and does the rest.
    /// </summary>
    public async Task<UploadPublication> PublishUploadAsync(LandingPath landing, string sha256, DateTimeOffset uploadedAt, IReadOnlyDictionary<Period, string> stagedFiles, CancellationToken cancellationToken)
    {
        await using var intent = await intents.BeginAsync(landing, sha256, uploadedAt, stagedFiles.Keys.ToList(), cancellationToken);
        using var whileHeld = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, intent.Lost);
        var published = new List<Period>();
        var superseded = new List<Period>();
        foreach (var (period, file) in stagedFiles.OrderBy(p => p.Key))
        {
            var result = await PublishAsync(landing.Dataset, landing.Partner, period, sha256, uploadedAt, file, whileHeld.Token);
            (result == PublishOutcome.Superseded ? superseded : published).Add(period);
        }
        await intent.CompleteAsync(published, whileHeld.Token);
        return new UploadPublication(published, superseded);
    }

    /// <summary>
    /// A lease on one upload's bytes, held while they are processed, so that copies of the same
    /// bytes (one file under two names, or one event delivered twice) are processed one after the
    /// other: the first is the original and the next finds its log row (SPEC "Submission rules").
    /// Processed at once, both would publish, and since a partition's owner is known by its bytes,
    /// each would take the months the other published first as its own, leaving them mixed.
    /// </summary>
    public Task<PartitionLock> LockBytesAsync(string dataset, string partner, string sha256, CancellationToken cancellationToken) =>
        PartitionLock.AcquireAsync(tables, Table, TableKeys.Safe($"{dataset}|{partner}"), $"bytes|{sha256}|lock", clock, logger, cancellationToken);

    public async Task<PublishOutcome> PublishAsync(string dataset, string partner, Period period, string sha256, DateTimeOffset uploadedAt, string stagedFile, CancellationToken cancellationToken)
    {
        var partitionKey = TableKeys.Safe($"{dataset}|{partner}");
        var rowKey = period.ToString();
        await using var partitionLock = await PartitionLock.AcquireAsync(tables, Table, partitionKey, rowKey + "|lock", clock, logger, cancellationToken);
        // Stop at once if the lease is lost: another publisher may be writing this partition now.
        using var whileHeld = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, partitionLock.Lost);
        cancellationToken = whileHeld.Token;

        var owner = await tables.GetAsync(Table, partitionKey, rowKey, cancellationToken);
        var partPath = LakePaths.CuratedPart(dataset, period.ToString(), partner, sha256);
        var otherParts = await OtherPartsAsync(dataset, period, partner, partPath, cancellationToken);
        if (owner is not null && owner["sha256"] == sha256)
        {
            if (await objects.GetInfoAsync(partPath, cancellationToken) is null)
            {
                await PutPartAsync(partPath, otherParts, stagedFile, cancellationToken);
            }
            await DeleteAllAsync(otherParts, cancellationToken);
            return PublishOutcome.AlreadyPublished;
        }
        if (owner is not null && IsNewer(owner, uploadedAt, sha256))
        {
            return PublishOutcome.Superseded;
        }
        await PutPartAsync(partPath, otherParts, stagedFile, cancellationToken);
        await tables.UpsertAsync(Table, new TableRow(partitionKey, rowKey, new Dictionary<string, string?>
        {
            ["dataset"] = dataset,
            ["partner"] = partner,
            ["period"] = rowKey,
            ["sha256"] = sha256,
            ["uploaded_at"] = uploadedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            ["part_path"] = partPath,
        }), cancellationToken);
        await DeleteAllAsync(otherParts, cancellationToken);
        return PublishOutcome.Published;
    }

    /// <summary>
    /// The new part takes the place of the partition's current one in one step
    /// (<see cref="IObjectStore.WriteReplacingAsync"/>), so readers never find the partition
    /// empty, nor (locally) with two parts.
    /// </summary>
    private async Task PutPartAsync(string partPath, IReadOnlyList<string> otherParts, string stagedFile, CancellationToken cancellationToken)
    {
        await using var staged = File.OpenRead(stagedFile);
        if (otherParts.Count == 0)
        {
            await objects.WriteAsync(partPath, staged, cancellationToken);
        }
        else
        {
            await objects.WriteReplacingAsync(partPath, otherParts[0], staged, cancellationToken);
        }
    }

    /// <summary>Whether the partition's owner is newer than the candidate upload.</summary>
    private static bool IsNewer(TableRow owner, DateTimeOffset uploadedAt, string sha256)
    {
        var ownerUploadedAt = DateTimeOffset.Parse(owner["uploaded_at"]!, CultureInfo.InvariantCulture);
        var byTime = ownerUploadedAt.CompareTo(uploadedAt);
        return byTime != 0 ? byTime > 0 : string.CompareOrdinal(owner["sha256"], sha256) > 0;
    }

    /// <summary>Visible part files of the partition other than <paramref name="keep"/>: the current part, and any a crash left behind.</summary>
    private async Task<IReadOnlyList<string>> OtherPartsAsync(string dataset, Period period, string partner, string keep, CancellationToken cancellationToken)
    {
        var others = new List<string>();
        await foreach (var part in objects.ListAsync(LakePaths.CuratedPartition(dataset, period.ToString(), partner), cancellationToken))
        {
            if (part.Path != keep && !LakePaths.IsHidden(part.Path))
            {
                others.Add(part.Path);
            }
        }
        return others;
    }

    /// <summary>Deletes what is still there; a part already moved into the new name is gone, which is fine.</summary>
    private async Task DeleteAllAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        foreach (var path in paths)
        {
            await objects.DeleteAsync(path, cancellationToken);
        }
    }
}
