using System.Text.Json;
using Azure.Storage.Queues;
using Pipeline.Core.Ingestion;

namespace Pipeline.Azure;

/// <summary>
/// Tells <c>ComputeIndicators</c> that curated data changed: one message on the
/// <c>indicator-recompute</c> queue holding the <see cref="CuratedChange"/> as camelCase JSON.
/// The queue service client must encode messages in base64 (as <see cref="AzureStorage"/>'s
/// clients do), the Functions queue trigger's default.
/// </summary>
public sealed class QueueIngestionEvents(QueueServiceClient queues) : IIngestionEvents
{
    public const string QueueName = "indicator-recompute";

    /// <summary>camelCase names; periods as "YYYY-MM" (Period's own converter).</summary>
    public static readonly JsonSerializerOptions MessageJson = new(JsonSerializerDefaults.Web);

    private readonly QueueClient _queue = queues.GetQueueClient(QueueName);
    private volatile bool _queueExists;

    public async Task CuratedChangedAsync(CuratedChange change, CancellationToken cancellationToken)
    {
        if (!_queueExists)
        {
            await _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _queueExists = true;
        }
        await _queue.SendMessageAsync(JsonSerializer.Serialize(change, MessageJson), cancellationToken);
    }
}
