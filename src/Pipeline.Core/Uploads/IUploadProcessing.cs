namespace Pipeline.Core.Uploads;

/// <summary>An upload now in the landing zone, as the blob trigger would see it.</summary>
/// <param name="UploadedAt">The landed object's creation time, which ingestion records as the upload time.</param>
public sealed record LandedUpload(LandingPath Landing, string Sha256, long Size, DateTimeOffset UploadedAt);

/// <summary>
/// What happens once an upload has landed. In Azure nothing more here: the blob trigger
/// (<c>IngestExtract</c>) picks it up. <c>pipeline serve</c> ingests it in process.
/// </summary>
public interface IUploadProcessing
{
    /// <returns>The ingestion log's record when processed here; null when it is left to the blob trigger.</returns>
    Task<IngestionRecord?> LandedAsync(LandedUpload upload, CancellationToken cancellationToken);
}

/// <summary>The Function App's processing: the landing blob's event starts the blob trigger, so nothing is done here.</summary>
public sealed class BlobTriggerProcessesUploads : IUploadProcessing
{
    public Task<IngestionRecord?> LandedAsync(LandedUpload upload, CancellationToken cancellationToken) =>
        Task.FromResult<IngestionRecord?>(null);
}
