using System.Text;
using Pipeline.Core.Ingestion;

namespace Pipeline.Reliability.Tests;

/// <summary>Inputs the hostile-input run once found unhandled, kept as they were found, and the baseline the mutations start from.</summary>
public class HostileInputRegressionTests
{
    /// <summary>A byte 0xFF (never valid in UTF-8) after the text before it.</summary>
    private static byte[] WithInvalidByte(string before, string after) =>
        [.. Encoding.UTF8.GetBytes(before), 0xFF, .. Encoding.UTF8.GetBytes(after)];

    // Mutated valid.json inputs (CsCheck): a byte flipped inside a string value, then inside a property name.
    [Theory]
    [InlineData("""[{"period":"{month}","role":"Phy""", """sio","staff_in_post_fte":8,"staff_in_post_headcount":9,"vacancies_fte":1.5,"starters":0,"leavers":1}]""")]
    [InlineData("""[{"period":"{month}","role":"Physio","staff_in""", """_post_fte":8,"staff_in_post_headcount":9,"vacancies_fte":1.5,"starters":0,"leavers":1}]""")]
    public async Task Ingest_JsonWithInvalidUtf8InText_IsRefusedWithAReport(string before, string after)
    {
        using var lake = new ReliabilityLake();
        var content = WithInvalidByte(before.Replace("{month}", Uploads.LastMonth.ToString(), StringComparison.Ordinal), after);

        var record = await lake.IngestAsync(new Upload(Uploads.Partners[0], "return.json", DateTimeOffset.UtcNow, content));

        Assert.Equal(IngestionStatus.Refused, record.Status);
        Assert.Contains("not valid UTF-8", record.Message, StringComparison.Ordinal);
        Assert.NotNull(await lake.Objects.GetInfoAsync(record.ReportPath!, default));
    }

    [Fact]
    public async Task Ingest_ValidSamplesUnmutated_AreAccepted()
    {
        using var lake = new ReliabilityLake();
        foreach (var sample in HostileInputs.ValidSamples())
        {
            var record = await lake.IngestAsync(new Upload(Uploads.Partners[1], sample.FileName, DateTimeOffset.UtcNow, sample.Content));

            Assert.True(IngestionStatus.IsAccepted(record.Status), $"{sample.FileName}: {record.Status} {record.Message} {Encoding.UTF8.GetString(sample.Content)[..40]}");
        }
    }
}
