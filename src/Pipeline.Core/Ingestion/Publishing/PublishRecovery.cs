using Microsoft.Extensions.Logging;

namespace Pipeline.Core.Ingestion.Publishing;

/// <summary>
/// The next run's half of upload-level atomicity: publishes that a dead process left part-way are
/// rolled forward (the raw copy is ingested again, as the trigger's retry would: the periods already
/// done are found done), and uploads published by a process that died before their recompute are
/// announced again, so their indicators are computed. A quarantined upload is left to the
/// operator (<c>pipeline requeue</c>): its periods keep the indicators they had before it.
/// </summary>
public sealed class PublishRecovery(PublishIntents intents, IngestionService ingestion, IngestionLog log, IObjectStore objects, IIngestionEvents events, ILogger<PublishRecovery> logger)
{
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        var open = await intents.ListAsync(cancellationToken);
        var abandoned = open.Where(intents.IsAbandoned).ToList();
        foreach (var intent in abandoned.Where(intent => intent.State == PublishIntents.Publishing).DistinctBy(intent => (intent.Dataset, intent.Partner, intent.Sha256)))
        {
            if (await log.FindAsync(intent.Partner, intent.Dataset, intent.Sha256, cancellationToken) is { Status: IngestionStatus.Failed } failed
                && failed.Attempts >= IngestionService.MaxAttempts)
            {
                continue;
            }
            logger.LogWarning("Completing the publish of {Landing} that {Holder} left part-way", intent.LandingPath, intent.Holder);
            await using var raw = await objects.OpenReadAsync(intent.RawPath, cancellationToken);
            try
            {
                await ingestion.IngestAsync(intent.LandingPath, intent.UploadedAt, raw, cancellationToken);
            }
            catch (IngestionFailedException e)
            {
                logger.LogWarning(e, "Completing the publish of {Landing} failed; the next run tries again", intent.LandingPath);
            }
        }
        foreach (var intent in abandoned.Where(intent => intent.State == PublishIntents.Published))
        {
            logger.LogWarning("Recomputing the indicators of {Landing}, which {Holder} published but did not recompute", intent.LandingPath, intent.Holder);
            await events.CuratedChangedAsync(new CuratedChange(intent.Partner, intent.Dataset, intent.Periods), cancellationToken);
        }
    }
}
