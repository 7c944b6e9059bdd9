namespace Pipeline.Runner;

/// <summary>
/// <c>pipeline serve</c>'s processing of an upload: right after it lands, the same
/// <see cref="IngestionService"/> the blob trigger calls ingests it, then the indicators are
/// recomputed as the runner's verbs do (<see cref="CollectedChanges"/>). One upload at a time,
/// since the collected changes belong to the one recomputation that follows.
/// </summary>
public sealed class InProcessUploadProcessing(IObjectStore objects, IngestionService ingestion, CollectedChanges changes, ILogger<InProcessUploadProcessing> logger)
    : IUploadProcessing, IDisposable
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public async Task<IngestionRecord?> LandedAsync(LandedUpload upload, CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            IngestionRecord record;
            try
            {
                await using var content = await objects.OpenReadAsync(upload.Landing.Path, cancellationToken);
                record = await ingestion.IngestAsync(upload.Landing.Path, upload.UploadedAt, content, cancellationToken);
            }
            catch (IngestionFailedException e)
            {
                // Logged and recorded as failed by the service; the blob trigger would retry, here the partner uploads again.
                return e.Record;
            }
            await changes.RecomputeAsync(cancellationToken);
            logger.LogInformation("Ingested {LandingPath} in process: {Status}", upload.Landing.Path, record.Status);
            return record;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    public void Dispose() => _oneAtATime.Dispose();
}
