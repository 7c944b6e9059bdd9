using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Cell = DocumentFormat.OpenXml.Spreadsheet.Cell;
using Microsoft.Extensions.Time.Testing;
using Pipeline.Synthetic;

namespace Pipeline.Core.Tests.Synthetic;

public class SyntheticLakeGeneratorTests(GeneratedLake lake) : IClassFixture<GeneratedLake>
{
    private static readonly string[] VacancySums = ["vacancies_fte", "staff_in_post_fte", "staff_in_post_headcount", "starters", "leavers"];

    [Fact]
    public void Write_SameSeed_SameBytes()
    {
        var options = new SyntheticOptions { Partners = 5, Months = 2, Seed = 7 };
        var first = GeneratedLake.Generate(options, GeneratedLake.Now);
        var second = GeneratedLake.Generate(options, GeneratedLake.Now);
        var other = GeneratedLake.Generate(options with { Seed = 8 }, GeneratedLake.Now);
        try
        {
            var files = RelativeFiles(first);
            Assert.Equal(files, RelativeFiles(second));
            Assert.Contains(files, f => f.EndsWith(".xlsx", StringComparison.Ordinal));
            foreach (var file in files)
            {
                Assert.Equal(File.ReadAllBytes(Path.Combine(first, file)), File.ReadAllBytes(Path.Combine(second, file)));
            }
            Assert.Contains(files, f => File.Exists(Path.Combine(other, f)) && !File.ReadAllBytes(Path.Combine(first, f)).SequenceEqual(File.ReadAllBytes(Path.Combine(other, f))));
        }
        finally
        {
            Directory.Delete(first, true);
            Directory.Delete(second, true);
            Directory.Delete(other, true);
        }
    }

    [Fact]
    public void Manifest_VacancyTotals_EqualSumsReadBackFromTheGoodFiles()
    {
        var totals = lake.Manifest.RootElement.GetProperty("totals").GetProperty("vacancies");
        var files = lake.GoodFiles("vacancies").ToList();
        var rows = files.SelectMany(f => lake.Read(f).Rows).ToList();

        Assert.Equal(files.Count, totals.GetProperty("files").GetInt32());
        Assert.Equal(rows.Count, totals.GetProperty("rows").GetInt64());
        foreach (var column in VacancySums)
        {
            var key = UploadReader.Fold(column);
            Assert.Equal(rows.Sum(r => UploadReader.Number(r, key)), totals.GetProperty(column).GetDecimal());
        }
        Assert.All(files, f => Assert.Equal(lake.Read(f).Rows.Count, f.GetProperty("rows").GetInt64()));
    }

    [Fact]
    public void Manifest_ExitTotals_EqualRowsReadBack()
    {
        var totals = lake.Manifest.RootElement.GetProperty("totals").GetProperty("exits");
        var files = lake.GoodFiles("exits").ToList();
        Assert.Equal(files.Count, totals.GetProperty("files").GetInt32());
        Assert.Equal(files.Sum(f => lake.Read(f).Rows.Count), totals.GetProperty("rows").GetInt64());
    }

    [Fact]
    public void Exits_PerPartnerMonth_EqualLeaversInThatMonthsVacancyReturn()
    {
        var exits = lake.GoodFiles("exits").ToDictionary(Key, f => lake.Read(f).Rows.Count);
        foreach (var file in lake.GoodFiles("vacancies"))
        {
            var leavers = lake.Read(file).Rows.Sum(r => UploadReader.Number(r, "leavers"));
            Assert.Equal(leavers, exits.GetValueOrDefault(Key(file)));
        }
        Assert.NotEmpty(exits);

        static string Key(JsonElement f) => f.GetProperty("partner").GetString() + "/" + f.GetProperty("period").GetString();
    }

    [Fact]
    public void Write_EveryEncoding_DecodesAsDeclared()
    {
        var csv = lake.Files.Where(f => f.GetProperty("format").GetString() == "csv").ToList();
        Assert.Equal(["utf-16le-bom", "utf-8", "utf-8-bom", "windows-1252"], csv.Select(f => f.GetProperty("encoding").GetString()!).Distinct().Order());
        foreach (var file in csv)
        {
            var bytes = File.ReadAllBytes(lake.PathOf(file));
            var encoding = file.GetProperty("encoding").GetString()!;
            switch (encoding)
            {
                case "utf-16le-bom":
                    Assert.Equal([0xFF, 0xFE], bytes[..2]);
                    break;
                case "utf-8-bom":
                    Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
                    break;
                case "utf-8":
                    Assert.NotEqual(0xEF, bytes[0]);
                    break;
            }
            var text = UploadReader.Decode(bytes, encoding);
            Assert.StartsWith(lake.Read(file).Headers[0], text, StringComparison.Ordinal);
        }
        var windows1252 = csv.Where(f => f.GetProperty("encoding").GetString() == "windows-1252").Select(lake.PathOf).ToList();
        Assert.Contains(windows1252, path => UploadReader.Decode(File.ReadAllBytes(path), "windows-1252").Contains("Léa", StringComparison.Ordinal));
        Assert.All(windows1252.Where(path => File.ReadAllBytes(path).Any(b => b > 0x7F)),
            path => Assert.ThrowsAny<Exception>(() => UploadReader.StrictUtf8.GetString(File.ReadAllBytes(path))));
    }

    [Fact]
    public void Write_Months_EndWithTheLastCompleteMonthAndUploadsAreOrderedBeforeNow()
    {
        var months = lake.Manifest.RootElement.GetProperty("months").EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.Equal(["2026-07", "2026-08", "2026-09", "2026-10"], months);
        var uploads = lake.Files.Select(f => f.GetProperty("uploadedAt").GetDateTimeOffset()).ToList();
        Assert.Equal(uploads.Order(), uploads);
        Assert.Equal(uploads.Count, uploads.Distinct().Count());
        Assert.All(uploads, u => Assert.True(u < GeneratedLake.Now));
        foreach (var file in lake.Files)
        {
            var uploaded = file.GetProperty("uploadedAt").GetDateTimeOffset();
            var monthEnd = DateTimeOffset.ParseExact(file.GetProperty("period").GetString() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).AddMonths(1);
            Assert.InRange(uploaded, monthEnd, monthEnd.AddDays(7));
            Assert.Equal(uploaded.UtcDateTime, File.GetLastWriteTimeUtc(lake.PathOf(file)));
        }
    }

    [Fact]
    public void Write_OnTheFirstOfAMonth_UploadsAreStillBeforeNow()
    {
        var now = new DateTimeOffset(2026, 12, 1, 0, 30, 0, TimeSpan.Zero);
        var folder = GeneratedLake.Generate(new SyntheticOptions { Partners = 4, Months = 2 }, now);
        try
        {
            var manifest = Manifest.Read(Path.Combine(folder, "manifest.json"));
            Assert.Equal(["2026-10", "2026-11"], manifest.Months);
            Assert.All(manifest.Files, f => Assert.True(f.UploadedAt < now));
            Assert.Equal(manifest.Files.Select(f => f.UploadedAt).Order(), manifest.Files.Select(f => f.UploadedAt));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void Write_GoodFiles_UseOnlyValuesTheContractAccepts()
    {
        var canonical = new[]
        {
            "period", "partner", "role", "site", "establishment_fte", "staff_in_post_fte", "staff_in_post_headcount", "vacancies_fte",
            "vacancies_advertised", "applications", "starters", "leavers", "agency_fte", "bank_fte", "leaver_id", "leave_date", "start_date",
            "length_of_service_months", "reason", "destination", "would_recommend", "would_return", "age_band", "comments",
        }.Select(UploadReader.Fold).ToHashSet();
        var goodFiles = lake.GoodFiles("vacancies").Concat(lake.GoodFiles("exits")).ToList();
        foreach (var file in goodFiles)
        {
            var table = lake.Read(file);
            var extra = file.TryGetProperty("extraColumn", out var e) ? UploadReader.Fold(e.GetString()!) : null;
            Assert.All(table.Keys, key => Assert.True(canonical.Contains(key) || key == extra, $"unexpected header {key}"));
            Assert.All(table.Rows, row => Assert.NotNull(ReferenceData.Roles.Find(row["role"])));
            Assert.All(table.Rows, row => Assert.Equal(file.GetProperty("partner").GetString(), row.GetValueOrDefault("partner", file.GetProperty("partner").GetString()!)));
        }
        var exitRows = lake.GoodFiles("exits").SelectMany(f => lake.Read(f).Rows).ToList();
        Assert.All(exitRows, row => Assert.NotNull(ReferenceData.Reasons.Find(row["reason"])));
        Assert.All(exitRows.Where(r => r.GetValueOrDefault("destination", "").Length > 0), row => Assert.NotNull(ReferenceData.Destinations.Find(row["destination"])));
        Assert.All(exitRows, row => Assert.Contains(row.GetValueOrDefault("wouldreturn", ""), new[] { "", "Yes", "No", "Y", "N", "1", "0", "TRUE", "FALSE" }));
        Assert.Contains(exitRows, row => row.GetValueOrDefault("comments", "").Contains("07700 900", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_EsrReasonTexts_AreNhsDigitalsOwnLabels()
    {
        var esr = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "RealSamples", "esr_reasons_for_leaving_list.csv"))
            .Skip(1).Select(line => line[..line.LastIndexOf(',')]).ToHashSet();
        var reasons = lake.GoodFiles("exits").SelectMany(f => lake.Read(f).Rows).Select(r => r["reason"].Replace(" – ", " - ", StringComparison.Ordinal)).ToList();
        var esrLike = reasons.Where(r => r.StartsWith("Voluntary Resignation", StringComparison.Ordinal) || r.StartsWith("Dismissal", StringComparison.Ordinal) || r.StartsWith("End of Fixed Term", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(esrLike);
        Assert.All(esrLike, r => Assert.Contains(r, esr));
    }

    [Fact]
    public void Write_BadFiles_HaveTheDefectTheManifestClaims()
    {
        var bad = lake.BadFiles.ToList();
        Assert.InRange(bad.Count, 1, SyntheticOptions.DefaultMaxBadFiles);
        Assert.Equal(bad.Count, bad.Select(f => f.GetProperty("defect").GetProperty("kind").GetString()).Distinct().Count());
        Assert.Equal(bad.Count, lake.Manifest.RootElement.GetProperty("totals").GetProperty("refusedFiles").GetInt32());
        var partners = File.ReadAllLines(Path.Combine(lake.Folder, "partners.csv")).Skip(1).Select(l => l.Split(',')[0]).ToHashSet();
        foreach (var file in bad)
        {
            AssertDefect(file, lake.Read(file), partners);
        }
    }

    private static void AssertDefect(JsonElement file, UploadReader.Table table, HashSet<string> partners)
    {
        var defect = file.GetProperty("defect");
        var rows = defect.GetProperty("rows").EnumerateArray().Select(r => r.GetInt32()).ToList();
        var field = defect.TryGetProperty("field", out var f) ? UploadReader.Fold(f.GetString()!) : null;
        var value = defect.TryGetProperty("value", out var v) ? v.GetString() : null;
        var row = rows[0] >= 2 ? table.Rows[rows[0] - 2] : null;
        switch (defect.GetProperty("kind").GetString())
        {
            case "missing-required-column":
                Assert.Equal([1], rows);
                Assert.DoesNotContain(field, table.Keys);
                break;
            case "negative-number":
                Assert.True(decimal.Parse(row![field!], CultureInfo.InvariantCulture) < 0);
                break;
            case "unknown-role":
                Assert.Equal(value, row![field!]);
                Assert.Null(ReferenceData.Roles.Find(value));
                break;
            case "future-period":
                Assert.Equal(value, row![field!]);
                var month = DateTime.ParseExact(value!, ["yyyy-MM", "MMM yyyy"], CultureInfo.InvariantCulture);
                Assert.True(month > GeneratedLake.Now.UtcDateTime);
                break;
            case "duplicate-rows":
                var (first, second) = (table.Rows[rows[0] - 2], table.Rows[rows[1] - 2]);
                Assert.Equal((first["period"], first["role"], first.GetValueOrDefault("site")), (second["period"], second["role"], second.GetValueOrDefault("site")));
                break;
            case "other-partner":
                Assert.NotEqual(file.GetProperty("partner").GetString(), row![field!]);
                Assert.Contains(row[field!], partners);
                Assert.All(table.Rows.Where(r => r != row), r => Assert.Equal(file.GetProperty("partner").GetString(), r[field!]));
                break;
            case "non-numeric-fte":
                Assert.Equal(value, row![field!]);
                Assert.False(decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
                break;
            case "duplicate-leaver-id":
                Assert.Equal(table.Rows[rows[0] - 2]["leaverid"], table.Rows[rows[1] - 2]["leaverid"]);
                break;
            default:
                Assert.Fail("unknown defect kind");
                break;
        }
    }

    [Fact]
    public void Write_XlsxFiles_OpenWithTheSheetTheManifestNames()
    {
        var workbooks = lake.Files.Where(f => f.GetProperty("format").GetString() == "xlsx").ToList();
        Assert.NotEmpty(workbooks);
        foreach (var file in workbooks)
        {
            using var document = SpreadsheetDocument.Open(lake.PathOf(file), false);
            var sheets = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ToList();
            var sheet = file.GetProperty("sheet").GetString();
            Assert.True(sheets[0] == sheet || sheet == file.GetProperty("dataset").GetString(), $"{sheet} is neither first nor named after the dataset");
            Assert.Contains(sheet, sheets);
        }
        Assert.Contains(workbooks, f => f.GetProperty("sheet").GetString() == f.GetProperty("dataset").GetString());
    }

    [Fact]
    public void Write_XlsxNumbers_AreNumericCells()
    {
        var file = lake.Files.First(f => f.GetProperty("format").GetString() == "xlsx" && f.GetProperty("dataset").GetString() == "vacancies");
        using var document = SpreadsheetDocument.Open(lake.PathOf(file), false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == file.GetProperty("sheet").GetString());
        var secondRow = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>().ElementAt(1);
        Assert.Contains(secondRow.Elements<Cell>(), c => c.DataType is null && decimal.TryParse(c.CellValue?.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
    }

    [Fact]
    public void Write_RowsPerFile_WritesThatManyUniqueRows()
    {
        var folder = GeneratedLake.Generate(new SyntheticOptions { Partners = 1, Months = 1, RowsPerFile = 2500, MaxBadFiles = 0 }, GeneratedLake.Now);
        try
        {
            using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "manifest.json")));
            var file = manifest.RootElement.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("dataset").GetString() == "vacancies");
            var table = UploadReader.Read(Path.Combine(folder, file.GetProperty("path").GetString()!), file);
            Assert.Equal(2500, table.Rows.Count);
            Assert.Equal(2500, table.Rows.Select(r => (r["period"], r["role"], r["site"])).Distinct().Count());
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void Write_PartnersCsv_ListsEveryPartnerWithUploadsAndOneInactive()
    {
        var lines = File.ReadAllLines(Path.Combine(lake.Folder, "partners.csv"));
        Assert.Equal("id,name,sector,active", lines[0]);
        var partners = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(7, partners.Count);
        Assert.Single(partners, p => p[^1] == "false");
        Assert.Equal(5, partners.Select(p => p[^2]).Distinct().Count());
        var uploaders = lake.Files.Select(f => f.GetProperty("partner").GetString()).ToHashSet();
        Assert.All(uploaders, id => Assert.Contains(partners, p => p[0] == id && p[^1] == "true"));
    }

    [Fact]
    public void Write_IntoAFolderWithUploads_Refuses()
    {
        var folder = GeneratedLake.Generate(new SyntheticOptions { Partners = 1, Months = 1 }, GeneratedLake.Now);
        try
        {
            var generator = new SyntheticLakeGenerator(new SyntheticOptions { Partners = 1, Months = 1 }, new FakeTimeProvider(GeneratedLake.Now));
            Assert.Throws<IOException>(() => generator.Write(folder, null, CancellationToken.None));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    private static List<string> RelativeFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(folder, p)).Order(StringComparer.Ordinal).ToList();
}
