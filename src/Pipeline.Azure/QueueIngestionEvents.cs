using Azure.Storage.Queues;

namespace Pipeline.Azure;

/// <summary>
/// Tells <c>ComputeIndicators</c> that curated data changed: one <see cref="CuratedChangeMessage"/>
/// on its queue. The queue service client must encode messages in base64 (as <see cref="AzureStorage"/>'s
/// clients do), the Functions queue trigger's default.
/// </summary>
public sealed class QueueIngestionEvents(QueueServiceClient queues) : IIngestionEvents
{
    private readonly QueueClient _queue = queues.GetQueueClient(CuratedChangeMessage.QueueName);
    private volatile bool _queueExists;

    public async Task CuratedChangedAsync(CuratedChange change, CancellationToken cancellationToken)
    {
        if (!_queueExists)
        {
            await _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _queueExists = true;
        }
        await _queue.SendMessageAsync(CuratedChangeMessage.Write(change), cancellationToken);
    }
}
