using Azure.Storage.Queues;
using Pipeline.Azure;
using Pipeline.Functions.Indicators;
using static Pipeline.Testing.Rows;

namespace Pipeline.Functions.Tests.Indicators;

/// <summary>
/// The producer's real output fed to the consumer: the message <see cref="QueueIngestionEvents"/> put on
/// the queue (in Azurite), read off the wire as the Functions host reads it, is what <see cref="ComputeIndicators"/> runs on.
/// </summary>
public sealed class RecomputeQueueRoundTripTests() : LakeTests(TestLake.ForIndicators())
{
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;

    [Fact]
    public async Task RunAsync_MessageQueuedByIngestionEvents_RecomputesTheChangedPeriod()
    {
        var partner = $"p-{Guid.NewGuid():N}"[..20];
        await Lake.AddPartnerAsync(partner, "nhs_trust");
        await Lake.WriteVacanciesAsync(partner, "2026-03", Vacancy("care_worker", 8, 2));
        var account = AzureStorage.Connect(ConnectionString());

        await new QueueIngestionEvents(account.Queues).CuratedChangedAsync(new CuratedChange(partner, Datasets.Vacancies, [Period.Parse("2026-03")]), _ct);
        var message = await ReceiveAsync(partner);
        await Lake.Function<ComputeIndicators>().RunAsync(message, _ct);

        Assert.Equal(0.2, (await Lake.ReadOutputAsync("2026-03")).Get("vacancy_rate", "partnership", "all").Value!.Value, 12);
    }

    /// <summary>
    /// This test's message, peeked (so tests sharing the queue still see theirs) with no client-side
    /// decoding: the Functions queue trigger decodes the base64 on the wire itself, and so does this.
    /// </summary>
    private async Task<string> ReceiveAsync(string partner)
    {
        var queue = new QueueClient(ConnectionString(), CuratedChangeMessage.QueueName);
        var messages = await queue.PeekMessagesAsync(maxMessages: 32, _ct);
        var decoded = messages.Value.Select(message => Encoding.UTF8.GetString(Convert.FromBase64String(message.MessageText)));
        return Assert.Single(decoded, text => text.Contains($"\"{partner}\"", StringComparison.Ordinal));
    }

    private static string ConnectionString() =>
        Environment.GetEnvironmentVariable("PIPELINE_TEST_STORAGE")
            ?? throw new InvalidOperationException("PIPELINE_TEST_STORAGE is not set: run the tests with ./test.sh, which starts Azurite.");
}
