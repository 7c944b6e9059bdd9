using System.Globalization;
using Pipeline.Core.Lake;
using Pipeline.Core.Storage;

namespace Pipeline.Core.Ingestion.Publishing;

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
/// The new part file is complete before it appears, then the old part is removed.
/// </summary>
public sealed class CuratedPublisher(IObjectStore objects, ITableStore tables, TimeProvider clock)
{
    public const string Table = "partitions";

    public async Task<PublishOutcome> PublishAsync(string dataset, string partner, Period period, string sha256, DateTimeOffset uploadedAt, string stagedFile, CancellationToken cancellationToken)
    {
        var partitionKey = TableKeys.Safe($"{dataset}|{partner}");
        var rowKey = period.ToString();
        await using var partitionLock = await PartitionLock.AcquireAsync(tables, Table, partitionKey, rowKey + "|lock", clock, cancellationToken);
        // Stop at once if the lease is lost: another publisher may be writing this partition now.
        using var whileHeld = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, partitionLock.Lost);
        cancellationToken = whileHeld.Token;

        var owner = await tables.GetAsync(Table, partitionKey, rowKey, cancellationToken);
        var partPath = LakePaths.CuratedPart(dataset, period.ToString(), partner, sha256);
        if (owner is not null && owner["sha256"] == sha256)
        {
            await EnsurePartAsync(partPath, stagedFile, cancellationToken);
            await RemoveOtherPartsAsync(dataset, period, partner, partPath, cancellationToken);
            return PublishOutcome.AlreadyPublished;
        }
        if (owner is not null && IsNewer(owner, uploadedAt, sha256))
        {
            return PublishOutcome.Superseded;
        }
        await using (var staged = File.OpenRead(stagedFile))
        {
            await objects.WriteAsync(partPath, staged, cancellationToken);
        }
        await tables.UpsertAsync(Table, new TableRow(partitionKey, rowKey, new Dictionary<string, string?>
        {
            ["dataset"] = dataset,
            ["partner"] = partner,
            ["period"] = rowKey,
            ["sha256"] = sha256,
            ["uploaded_at"] = uploadedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            ["part_path"] = partPath,
        }), cancellationToken);
        await RemoveOtherPartsAsync(dataset, period, partner, partPath, cancellationToken);
        return PublishOutcome.Published;
    }

    /// <summary>Whether the partition's owner is newer than the candidate upload.</summary>
    private static bool IsNewer(TableRow owner, DateTimeOffset uploadedAt, string sha256)
    {
        var ownerUploadedAt = DateTimeOffset.Parse(owner["uploaded_at"]!, CultureInfo.InvariantCulture);
        var byTime = ownerUploadedAt.CompareTo(uploadedAt);
        return byTime != 0 ? byTime > 0 : string.CompareOrdinal(owner["sha256"], sha256) > 0;
    }

    private async Task EnsurePartAsync(string partPath, string stagedFile, CancellationToken cancellationToken)
    {
        if (await objects.GetInfoAsync(partPath, cancellationToken) is null)
        {
            await using var staged = File.OpenRead(stagedFile);
            await objects.WriteAsync(partPath, staged, cancellationToken);
        }
    }

    private async Task RemoveOtherPartsAsync(string dataset, Period period, string partner, string keep, CancellationToken cancellationToken)
    {
        var stale = new List<string>();
        await foreach (var part in objects.ListAsync(LakePaths.CuratedPartition(dataset, period.ToString(), partner), cancellationToken))
        {
            if (part.Path != keep)
            {
                stale.Add(part.Path);
            }
        }
        foreach (var path in stale)
        {
            await objects.DeleteAsync(path, cancellationToken);
        }
    }
}
