using Azure.Storage.Queues;
using Pipeline.Azure;

namespace Pipeline.Integration.Tests.Storage;

public class QueueIngestionEventsTests
{
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;

    [Fact]
    public async Task CuratedChangedAsync_Change_QueuesBase64CamelCaseJsonOfTheChange()
    {
        var account = Azurite.Connect();
        var change = new CuratedChange($"p-{Guid.NewGuid():N}"[..20], "vacancies", [new Period(2026, 1), new Period(2026, 2)]);

        await new QueueIngestionEvents(account.Queues).CuratedChangedAsync(change, _ct);

        var json = await FindMessageAsync(change.Partner);
        using (var document = JsonDocument.Parse(json))
        {
            var root = document.RootElement;
            Assert.Equal(change.Partner, root.GetProperty("partner").GetString());
            Assert.Equal("vacancies", root.GetProperty("dataset").GetString());
            Assert.Equal(["2026-01", "2026-02"], root.GetProperty("periods").EnumerateArray().Select(p => p.GetString()));
        }
        var read = JsonSerializer.Deserialize<CuratedChange>(json, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
        Assert.Equal((change.Partner, change.Dataset), (read.Partner, read.Dataset));
        Assert.Equal(change.Periods, read.Periods);
    }

    /// <summary>Reads the queue with no message decoding, so the base64 on the wire is checked here, not by the SDK.</summary>
    private async Task<string> FindMessageAsync(string partner)
    {
        var raw = new QueueClient(Azurite.ConnectionString, CuratedChangeMessage.QueueName);
        var messages = await raw.PeekMessagesAsync(maxMessages: 32, _ct);
        var decoded = messages.Value.Select(message => Encoding.UTF8.GetString(Convert.FromBase64String(message.MessageText)));
        return Assert.Single(decoded, json => json.Contains($"\"{partner}\"", StringComparison.Ordinal));
    }
}
