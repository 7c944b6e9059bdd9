using System.IO.Compression;

namespace Pipeline.Core.Tests.Ingestion;

/// <summary>
/// The corpus of bad uploads (issue 2): each is refused with a clear issue naming where the
/// problem is, nothing crashes, and curated data already in the lake is untouched.
/// </summary>
public class BadInputTests
{
    private static readonly Period Month = TestLake.LastMonth;

    public static TheoryData<string, string, string, int, string?> BadVacancyReturns()
    {
        var future = Period.Of(DateTimeOffset.UtcNow).AddMonths(2);
        return new TheoryData<string, string, string, int, string?>
        {
            // name, content, expected rule, expected row, expected column
            { "missing-column.csv", "period,role,staff_in_post_fte,staff_in_post_headcount,starters,leavers\n" + $"{Month},registered_nurse,10,11,1,1\n", "missing-label", 1, "vacancies_fte" },
            { "wrong-type.csv", Returns.Vacancies(Returns.Row(Month, inPost: "lots")), "type-error", 2, "staff_in_post_fte" },
            { "negative.csv", Returns.Vacancies(Returns.Row(Month), Returns.Row(Month, role: "HCA", vacancies: "-2")), "constraint-error", 3, "vacancies_fte" },
            { "unknown-role.csv", Returns.Vacancies(Returns.Row(Month, role: "Registred Nurse")), "constraint-error", 2, "role" },
            { "future-period.csv", Returns.Vacancies(Returns.Row(future)), "constraint-error", 2, "period" },
            { "duplicate-rows.csv", Returns.Vacancies(Returns.Row(Month, role: "Staff Nurse"), Returns.Row(Month, role: "RGN")), "duplicate-row", 3, "role" },
            { "other-partner.csv", $"partner,{Returns.Header}\n{TestLake.OtherPartner},{Returns.Row(Month)}\n", "wrong-partner", 2, "partner" },
            { "empty.csv", "", "format-error", 0, null },
            { "header-only.csv", Returns.Header + "\n\n", "format-error", 0, null },
        };
    }

    [Theory]
    [MemberData(nameof(BadVacancyReturns))]
    public async Task Ingest_BadVacancyReturn_RefusedWithIssueAtRowAndColumn(string name, string content, string rule, int row, string? column)
    {
        using var lake = await LakeWithAcceptedDataAsync();
        var before = lake.CuratedSnapshot();

        var record = await lake.IngestAsync(name, content);

        Assert.Equal(IngestionStatus.Refused, record.Status);
        Assert.Equal(0, record.RowsAccepted);
        Assert.Equal(record.RowsIn, record.RowsRefused);
        using var report = await lake.ReportAsync(record);
        var issues = report.RootElement.GetProperty("issues").EnumerateArray().ToList();
        Assert.Contains(issues, i => i.GetProperty("rule").GetString() == rule
            && i.GetProperty("row").GetInt32() == row
            && (column is null || i.GetProperty("column").GetString() == column)
            && i.GetProperty("severity").GetString() == "error"
            && i.GetProperty("message").GetString()!.Length > 20);
        Assert.Equal(before, lake.CuratedSnapshot());
        Assert.True(await lake.Objects.GetInfoAsync(LakePaths.QuarantineFolder(TestLake.Partner, Datasets.Vacancies, record.Sha256) + "report.json", default) is not null);
    }

    [Fact]
    public async Task Ingest_UnknownRole_SuggestsTheNearestRole()
    {
        using var lake = TestLake.ForIngestion();
        var record = await lake.IngestAsync("typo.csv", Returns.Vacancies(Returns.Row(Month, role: "Registred Nurse")));
        using var report = await lake.ReportAsync(record);
        var issue = report.RootElement.GetProperty("issues").EnumerateArray().Single(i => i.GetProperty("rule").GetString() == "constraint-error");
        Assert.Equal("Did you mean Registered Nurse?", issue.GetProperty("fix").GetString());
        Assert.Equal("Registred Nurse", issue.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Ingest_DuplicateRows_FlagsBothRows()
    {
        using var lake = TestLake.ForIngestion();
        var record = await lake.IngestAsync("dup.csv", Returns.Vacancies(Returns.Row(Month, role: "Staff Nurse"), Returns.Row(Month, role: "HCA"), Returns.Row(Month, role: "RGN")));
        using var report = await lake.ReportAsync(record);
        var rows = report.RootElement.GetProperty("issues").EnumerateArray()
            .Where(i => i.GetProperty("rule").GetString() == "duplicate-row").Select(i => i.GetProperty("row").GetInt32()).Order();
        Assert.Equal([2, 4], rows);
        Assert.Equal(3, record.RowsRefused);
    }

    [Fact]
    public async Task Ingest_MissingColumns_OneErrorPerMissingColumn()
    {
        using var lake = TestLake.ForIngestion();
        var record = await lake.IngestAsync("cols.csv", $"period,role,starters\n{Month},registered_nurse,1\n");
        using var report = await lake.ReportAsync(record);
        var missing = report.RootElement.GetProperty("issues").EnumerateArray()
            .Where(i => i.GetProperty("rule").GetString() == "missing-label").Select(i => i.GetProperty("column").GetString()).Order();
        Assert.Equal(["leavers", "staff_in_post_fte", "staff_in_post_headcount", "vacancies_fte"], missing);
        Assert.Equal(4, record.Errors);
        Assert.Equal(1, record.RowsIn);
        Assert.Equal(1, record.RowsRefused);
    }

    [Fact]
    public async Task Ingest_BinaryGarbage_RefusedAsEncodingError()
    {
        var garbage = new byte[4096];
        new Random(7).NextBytes(garbage);

        await AssertRefusedAndCuratedDataUntouchedAsync("garbage.csv", garbage, "encoding-error");
    }

    [Fact]
    public async Task Ingest_Utf16WithoutBom_RefusedAsEncodingError()
    {
        using var lake = TestLake.ForIngestion();
        var record = await lake.IngestAsync("utf16.csv", Encoding.Unicode.GetBytes(Returns.Vacancies(Returns.Row(Month))));
        Assert.Equal("encoding-error", await FirstRuleAsync(lake, record));
    }

    [Fact]
    public async Task Ingest_CorruptXlsx_RefusedAsFormatError()
    {
        var workbook = XlsxBuilder.Build(("vacancies", [["period", "role"], [Month.ToString(), "HCA"]]));
        var corrupt = workbook.Take(workbook.Length / 2).ToArray();

        await AssertRefusedAndCuratedDataUntouchedAsync("corrupt.xlsx", corrupt, "format-error");
    }

    [Fact]
    public async Task Ingest_XlsxBomb_RefusedBeforeExpanding()
    {
        var bomb = ZipBomb(uncompressedBytes: 64 * 1024 * 1024);

        await AssertRefusedAndCuratedDataUntouchedAsync("bomb.xlsx", bomb, "size-limit", o => o.MaxXlsxUncompressedBytes = 1024 * 1024);
    }

    [Fact]
    public async Task Ingest_OversizeFile_RefusedWithSizeLimit()
    {
        var rows = Enumerable.Range(0, 20).Select(i => Returns.Row(Month, site: $"Site {i}")).ToArray();

        await AssertRefusedAndCuratedDataUntouchedAsync("big.csv", Encoding.UTF8.GetBytes(Returns.Vacancies(rows)), "size-limit", o => o.MaxFileBytes = 400);
    }

    [Fact]
    public async Task Ingest_TooManyRows_RefusedWithSizeLimit()
    {
        using var lake = TestLake.ForIngestion(o => o.MaxRows = 5);
        var rows = Enumerable.Range(0, 8).Select(i => Returns.Row(Month, site: $"Site {i}")).ToArray();
        var record = await lake.IngestAsync("many.csv", Returns.Vacancies(rows));
        Assert.Equal(IngestionStatus.Refused, record.Status);
        Assert.Equal("size-limit", await FirstRuleAsync(lake, record));
        Assert.Equal(record.RowsIn, record.RowsRefused);
    }

    [Theory]
    [InlineData("unknown-org", Datasets.Vacancies, "unknown-partner")]
    [InlineData(TestLake.InactivePartner, Datasets.Vacancies, "inactive-partner")]
    [InlineData(TestLake.Partner, "payroll", "unknown-dataset")]
    public async Task Ingest_WrongFolder_RefusedAndLogged(string partner, string dataset, string rule)
    {
        using var lake = TestLake.ForIngestion();
        var record = await lake.IngestAsync("file.csv", Returns.Vacancies(Returns.Row(Month)), dataset: dataset, partner: partner);
        Assert.Equal(IngestionStatus.Refused, record.Status);
        Assert.Equal(rule, await FirstRuleAsync(lake, record));
        Assert.Single(await lake.Log.ListAsync(partner, default));
        Assert.Empty(lake.CuratedSnapshot());
    }

    [Fact]
    public async Task Ingest_ExitsWithoutKey_RefusedAndNothingStored()
    {
        using var lake = TestLake.ForIngestion(o => o.PseudonymisationKey = null);
        var content = $"{Returns.ExitsHeader}\nE1001,{Month.FirstDay:yyyy-MM-dd},HCA,,Retirement Age,retired,yes,55-64,\n";
        var record = await lake.IngestAsync("exits.csv", content, dataset: Datasets.Exits);
        Assert.Equal(IngestionStatus.Refused, record.Status);
        Assert.Equal("configuration-error", await FirstRuleAsync(lake, record));
        Assert.Equal(1, record.RowsRefused);
        Assert.Empty(lake.CuratedSnapshot());
    }

    private static async Task<TestLake> LakeWithAcceptedDataAsync(Action<PipelineOptions>? configure = null)
    {
        var lake = TestLake.ForIngestion(configure);
        var accepted = await lake.IngestAsync("good.csv", Returns.Vacancies(Returns.Row(Month), Returns.Row(Month, role: "HCA")));
        Assert.Equal(IngestionStatus.Accepted, accepted.Status);
        Assert.NotEmpty(lake.CuratedSnapshot());
        return lake;
    }

    /// <summary>Ingests the file into a lake that already holds accepted data: it is refused under the rule and the curated data are as before.</summary>
    private static async Task AssertRefusedAndCuratedDataUntouchedAsync(string name, byte[] content, string rule, Action<PipelineOptions>? configure = null)
    {
        using var lake = await LakeWithAcceptedDataAsync(configure);
        var before = lake.CuratedSnapshot();

        var record = await lake.IngestAsync(name, content);

        Assert.Equal(IngestionStatus.Refused, record.Status);
        Assert.Equal(rule, await FirstRuleAsync(lake, record));
        Assert.Equal(before, lake.CuratedSnapshot());
    }

    private static async Task<string?> FirstRuleAsync(TestLake lake, IngestionRecord record)
    {
        using var report = await lake.ReportAsync(record);
        return report.RootElement.GetProperty("issues").EnumerateArray()
            .First(i => i.GetProperty("severity").GetString() == "error").GetProperty("rule").GetString();
    }

    /// <summary>A valid-looking workbook whose sheet expands to many MB of zeros.</summary>
    private static byte[] ZipBomb(long uncompressedBytes)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize);
            using var content = sheet.Open();
            var block = new byte[1024 * 1024];
            Array.Fill(block, (byte)' ');
            for (long written = 0; written < uncompressedBytes; written += block.Length)
            {
                content.Write(block);
            }
        }
        return stream.ToArray();
    }
}
