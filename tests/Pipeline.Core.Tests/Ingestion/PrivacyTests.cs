using System.Security.Cryptography;

namespace Pipeline.Core.Tests.Ingestion;

/// <summary>
/// Personal data (issue 2): raw leaver ids and free-text comments never leave the raw zone,
/// whether the upload is accepted or refused; curated holds the HMAC pseudonym.
/// </summary>
public class PrivacyTests
{
    private static readonly Period Month = TestLake.LastMonth;
    private static readonly string[] RawIds = ["ZQX90817ALPHA", "ZQX90818BRAVO", "ZQX90819CHARLIE"];
    private const string Comment = "Ring Jemima Puddleduck on 07700 900123";

    [Fact]
    public async Task Ingest_Exits_RawIdsAndCommentsOnlyInRawZone()
    {
        using var lake = TestLake.ForIngestion();
        var leaveDate = Month.FirstDay.AddDays(3).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        var accepted = await lake.IngestAsync("exits.csv",
            $"{Returns.ExitsHeader}\n{RawIds[0]},{leaveDate},Staff Nurse,01/02/2020,Voluntary Resignation - Work Life Balance,left sector,no,25-34,{Comment}\n" +
            $"{RawIds[1]},{leaveDate},HCA,,Retirement Age,The worker retired,yes,65+,\"{Comment}, again\"\n", dataset: Datasets.Exits);
        var refused = await lake.IngestAsync("exits-bad.csv",
            $"{Returns.ExitsHeader}\n{RawIds[2]},{leaveDate},Astronaut,,Pay,,maybe,,{Comment}\n{RawIds[2]},{leaveDate},HCA,,Pay,,,,{Comment}\n", dataset: Datasets.Exits);

        Assert.Equal(IngestionStatus.Accepted, accepted.Status);
        Assert.Equal(IngestionStatus.Refused, refused.Status);
        var outsideRaw = Directory.EnumerateFiles(lake.Folder, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(lake.Folder, f).StartsWith(LakePaths.Raw + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .ToList();
        Assert.Contains(outsideRaw, f => f.EndsWith(".parquet", StringComparison.Ordinal));
        Assert.Contains(outsideRaw, f => f.EndsWith("rows-with-errors.csv", StringComparison.Ordinal));
        foreach (var file in outsideRaw)
        {
            var text = await ReadableTextAsync(file);
            foreach (var secret in RawIds.Append("Puddleduck").Append("07700"))
            {
                Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
            }
        }
        var rawFiles = Directory.EnumerateFiles(Path.Combine(lake.Folder, LakePaths.Raw), "*", SearchOption.AllDirectories).Select(File.ReadAllText);
        Assert.Contains(rawFiles, text => text.Contains(RawIds[0], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ingest_Exits_LeaverIdIsHmacOfPartnerAndId()
    {
        using var lake = TestLake.ForIngestion();
        var leaveDate = Month.FirstDay.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await lake.IngestAsync("exits.csv", $"{Returns.ExitsHeader}\n{RawIds[0]},{leaveDate},RMN,2025-01-15,Promotion,Within partnership,1,35-44,\n", dataset: Datasets.Exits);

        var row = Assert.Single(await lake.ReadCuratedAsync<ExitRecord>(Datasets.Exits, Month));
        var key = Convert.FromBase64String(lake.Options.PseudonymisationKey!);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{TestLake.Partner}:{RawIds[0]}")));
        Assert.Equal(expected, row.LeaverId);
        Assert.Equal(64, row.LeaverId.Length);
        Assert.Equal("mental_health_nurse", row.Role);
        Assert.Equal("promotion", row.Reason);
        Assert.Equal("within_partnership", row.Destination);
        Assert.True(row.WouldReturn);
        Assert.Equal(Month.FirstDay.AddDays(1), row.LeaveDate);
    }

    [Fact]
    public async Task Ingest_ExitsWithUnknownReason_CountsAsOtherWithWarning()
    {
        using var lake = TestLake.ForIngestion();
        var leaveDate = Month.FirstDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var record = await lake.IngestAsync("exits.csv", $"{Returns.ExitsHeader}\nA1,{leaveDate},HCA,,Wanted a change of scenery,,,,\n", dataset: Datasets.Exits);
        Assert.Equal(IngestionStatus.AcceptedWithWarnings, record.Status);
        var row = Assert.Single(await lake.ReadCuratedAsync<ExitRecord>(Datasets.Exits, Month));
        Assert.Equal("other", row.Reason);
        Assert.Equal("unknown", row.Destination);
    }

    /// <summary>A file's text as a reader of it would see it: Parquet values decoded, anything else as UTF-8.</summary>
    private static async Task<string> ReadableTextAsync(string file)
    {
        if (!file.EndsWith(".parquet", StringComparison.Ordinal))
        {
            return await File.ReadAllTextAsync(file);
        }
        var text = new StringBuilder();
        await using var stream = File.OpenRead(file);
        var rows = await Parquet.Serialization.ParquetSerializer.DeserializeUntypedAsync(stream);
        foreach (var row in rows.Data)
        {
            foreach (var value in row.Values)
            {
                text.Append(value).Append('\n');
            }
        }
        return text.ToString();
    }
}
