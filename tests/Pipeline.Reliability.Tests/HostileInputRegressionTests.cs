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
    // Found by the SharpFuzz run: a byte flipped in a property name of a nested object (a cell kept as JSON text).
    [InlineData("""[{"period":"{month}","role":"Physio","staff_in_post_fte":8,"staff_in_post_headcount":9,"vacancies_fte":1.5,"starters":0,"leavers":1,"extra":{"ne""", """sted":[1,2]}}]""")]
    public async Task Ingest_JsonWithInvalidUtf8InText_IsRefusedWithAReport(string before, string after)
    {
        var content = WithInvalidByte(before.Replace("{month}", Uploads.LastMonth.ToString(), StringComparison.Ordinal), after);

        await AssertRefusedWithReportAsync("return.json", content, because: "not valid UTF-8");
    }

    /// <summary>Found by the SharpFuzz run: a cell whose type attribute (t="...") is no type of the format threw FormatException.</summary>
    [Fact]
    public async Task Ingest_XlsxCellOfUnknownType_IsRefusedAsUnreadable()
    {
        var workbook = HostileInputs.ValidSamples().Single(s => s.FileName == "valid.xlsx").Content;
        var content = XlsxParts.EditSheets(workbook, xml =>
        {
            Assert.Contains("t=\"inlineStr\"", xml, StringComparison.Ordinal);
            return xml.Replace("t=\"inlineStr\"", "t=\"zz\"", StringComparison.Ordinal);
        });

        await AssertRefusedWithReportAsync("return.xlsx", content, because: "not a readable Excel workbook");
    }

    private static async Task AssertRefusedWithReportAsync(string fileName, byte[] content, string because)
    {
        using var lake = new ReliabilityLake();

        var record = await lake.IngestAsync(new Upload(Uploads.Partners[0], fileName, DateTimeOffset.UtcNow, content));

        Assert.Equal(IngestionStatus.Refused, record.Status);
        Assert.Contains(because, record.Message, StringComparison.Ordinal);
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

/// <summary>
/// Every one-byte corruption of each valid sample, straight through its reader. A mutated
/// valid.xlsx (CsCheck) once made System.IO.Packaging throw FileFormatException ("File contains
/// corrupted data"), which ingestion took for a system failure instead of a refusal; this sweep
/// then found a sheet without a part, and one whose part is not a worksheet.
/// </summary>
public class OneByteCorruptionTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Theory]
    [InlineData("valid.csv")]
    [InlineData("valid.json")]
    [InlineData("valid.xlsx")]
    public void Open_EveryOneByteCorruption_ReadsOrRefuses(string sample)
    {
        var valid = HostileInputs.ValidSamples().Single(s => s.FileName == sample).Content;
        var options = new PipelineOptions();
        var unexpected = new List<(int At, Exception Error)>();
        for (var at = 0; at < valid.Length; at++)
        {
            var corrupted = valid.ToArray();
            corrupted[at] ^= 0x55;
            try
            {
                using var source = TabularSources.Open(new MemoryStream(corrupted), sample, Datasets.Vacancies, options);
                _ = source.ReadRows(CancellationToken.None).Count();
            }
            catch (UnreadableUploadException)
            {
                // A refusal with a reason: what a corrupt file must get.
            }
            catch (Exception e)
            {
                unexpected.Add((at, e));
            }
        }

        var table = ReliabilitySummary.Record(new SummaryLine($"corruptions {Path.GetExtension(sample)}", valid.Length, "one-byte flips", 0, 0, 0, 0, unexpected.Count, "every byte of the valid sample, reader only"));
        output.WriteLine(table);
        var byType = unexpected.GroupBy(u => u.Error.GetType().Name)
            .Select(g => $"{g.Count()} x {g.Key}, e.g. byte {g.First().At}: {g.First().Error.Message} {g.First().Error.StackTrace?.Split('\n').FirstOrDefault(f => f.Contains("Pipeline.Core", StringComparison.Ordinal))}");
        Assert.True(unexpected.Count == 0, $"{unexpected.Count} of {valid.Length} corruptions:\n{string.Join("\n", byType)}");
    }
}

/// <summary>Edits the worksheet parts of a workbook's zip.</summary>
public static class XlsxParts
{
    public static byte[] EditSheets(byte[] workbook, Func<string, string> edit)
    {
        var copy = new MemoryStream();
        copy.Write(workbook);
        using (var zip = new System.IO.Compression.ZipArchive(copy, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
        {
            var sheets = zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(sheets);
            foreach (var sheet in sheets)
            {
                string xml;
                using (var reader = new StreamReader(sheet.Open()))
                {
                    xml = reader.ReadToEnd();
                }
                var name = sheet.FullName;
                sheet.Delete();
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(edit(xml));
            }
        }
        return copy.ToArray();
    }
}
