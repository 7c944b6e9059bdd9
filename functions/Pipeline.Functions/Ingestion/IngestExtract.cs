using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;

namespace Pipeline.Functions.Ingestion;

/// <summary>
/// A partner's upload landed: validate and ingest it. Event Grid delivers the blob event
/// (Flex Consumption has no polling blob trigger). A system failure throws, so the host
/// retries; after <see cref="IngestionService.MaxAttempts"/> failures the service
/// quarantines the upload and returns normally, so it never loops into the poison queue.
/// First it completes what a dead instance left part-way (<see cref="PublishRecovery"/>): an
/// instance killed mid-publish has no retry of its own until its upload's event comes again.
/// </summary>
public sealed class IngestExtract(PublishRecovery recovery, IngestionService ingestion)
{
    [Function(nameof(IngestExtract))]
    public async Task RunAsync(
        [BlobTrigger("landing/{partner}/{dataset}/{name}", Source = BlobTriggerSource.EventGrid, Connection = "PipelineStorage")] BlobClient upload,
        string partner,
        string dataset,
        string name,
        CancellationToken cancellationToken)
    {
        await recovery.RecoverAsync(cancellationToken);
        var properties = await upload.GetPropertiesAsync(cancellationToken: cancellationToken);
        await using var content = await upload.OpenReadAsync(cancellationToken: cancellationToken);
        await ingestion.IngestAsync(LakePaths.LandingFile(partner, dataset, name), properties.Value.CreatedOn, content, cancellationToken);
    }
}
