namespace Pipeline.Core.Tests.Ingestion;

/// <summary>Messy but valid uploads (SPEC "Headers", "Encodings", "Delimiters", "XLSX", "Dates") are all accepted the same.</summary>
public class FormatTests
{
    private static readonly Period Month = TestLake.LastMonth;

    private static readonly string MessyHeader = "Period;Job Role;Site Name;Staff in post (FTE);Headcount;Vacancies (FTE);Adverts;Applications received;New Starters;Leavers;Agency";

    [Theory]
    [InlineData("utf8-bom")]
    [InlineData("utf16-bom")]
    [InlineData("windows-1252")]
    public async Task Ingest_Encodings_ReadTheSameRows(string encodingName)
    {
        using var lake = TestLake.ForIngestion();
        var text = $"{MessyHeader}\n{Month.FirstDay:MMM-yy};Staff Nurse;Plymouth Café £;\"1,200.5\";1300;10;4;20;3;2;1.5\n\n\n";
        var bytes = encodingName switch
        {
            "utf8-bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)],
            "utf16-bom" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
            _ => CodePages1252().GetBytes(text),
        };

        var record = await lake.IngestAsync($"{encodingName}.csv", bytes);

        Assert.Equal(IngestionStatus.Accepted, record.Status);
        var row = Assert.Single(await lake.ReadCuratedAsync<VacancyRecord>(Datasets.Vacancies, Month));
        Assert.Equal("Plymouth Café £", row.Site);
        Assert.Equal(1200.5, row.StaffInPostFte);
        Assert.Equal("registered_nurse", row.Role);
        Assert.Equal("nursing", row.StaffGroup);
        Assert.Equal(1.5, row.AgencyFte);
        Assert.Equal(1, record.RowsIn);
    }

    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    [InlineData('\t')]
    public async Task Ingest_Delimiters_AllAccepted(char delimiter)
    {
        using var lake = TestLake.ForIngestion();
        var content = Returns.Vacancies(Returns.Row(Month), Returns.Row(Month, role: "HCA")).Replace(',', delimiter);
        var record = await lake.IngestAsync("file.csv", content);
        Assert.Equal(IngestionStatus.Accepted, record.Status);
        Assert.Equal(2, (await lake.ReadCuratedAsync<VacancyRecord>(Datasets.Vacancies, Month)).Count);
    }

    [Theory]
    [InlineData("2026-10", 2026, 10)]
    [InlineData("202610", 2026, 10)]
    [InlineData("Oct-26", 2026, 10)]
    [InlineData("Oct 2026", 2026, 10)]
    [InlineData("October 2026", 2026, 10)]
    [InlineData("31/10/2026", 2026, 10)]
    [InlineData("2026-10-31", 2026, 10)]
    [InlineData("46296", 2026, 10)]
    [InlineData("Jan-16", 2016, 1)]
    public void TryParsePeriod_PartnerForms_GiveTheMonth(string text, int year, int month)
    {
        Assert.True(Core.Ingestion.Schema.ValueParsers.TryParsePeriod(text, out var period));
        Assert.Equal(new Period(year, month), period);
    }

    [Theory]
    [InlineData("Vacancies (FTE)")]
    [InlineData("vacancies fte")]
    [InlineData("VACANCIES_FTE")]
    [InlineData("vacant_fte")]
    public void Match_HeaderSpellings_FindTheColumn(string header) =>
        Assert.Equal("vacancies_fte", Core.Ingestion.Schema.DatasetSchemas.Vacancies.Match(header)?.Name);

    [Fact]
    public async Task Ingest_XlsxWithDatasetSheet_ReadsThatSheetWithExcelDates()
    {
        using var lake = TestLake.ForIngestion();
        var serial = Month.FirstDay.ToDateTime(TimeOnly.MinValue).ToOADate();
        var workbook = XlsxBuilder.Build(
            ("Notes", [["nothing to see"]]),
            ("Vacancies", [
                ["Period", "Role", "Staff in post (FTE)", "Headcount", "Vacancies (FTE)", "Starters", "Leavers"],
                [serial, "Carer", 20.5, 24, 3, 1, 0],
                [serial, "Senior Carer", 5, 5, 0, 0, 1],
            ]));

        var record = await lake.IngestAsync("return.xlsx", workbook);

        Assert.Equal(IngestionStatus.Accepted, record.Status);
        var rows = await lake.ReadCuratedAsync<VacancyRecord>(Datasets.Vacancies, Month);
        Assert.Equal(["care_worker", "senior_care_worker"], rows.Select(r => r.Role).Order());
        Assert.Equal(25.5, rows.Sum(r => r.StaffInPostFte));
    }

    [Fact]
    public async Task Ingest_XlsxErrors_NameTheSheetAndExcelRow()
    {
        using var lake = TestLake.ForIngestion();
        var workbook = XlsxBuilder.Build(("Return", [
            ["Period", "Role", "Staff in post (FTE)", "Headcount", "Vacancies (FTE)", "Starters", "Leavers"],
            [Month.ToString(), "Carer", 20.5, 24, 3, 1, 0],
            [Month.ToString(), "Carer", 20.5, 24, "three", 1, 0],
        ]));
        var record = await lake.IngestAsync("return.xlsx", workbook);
        using var report = await lake.ReportAsync(record);
        var issue = report.RootElement.GetProperty("issues").EnumerateArray().First(i => i.GetProperty("rule").GetString() == "type-error");
        Assert.Equal("Return", issue.GetProperty("sheet").GetString());
        Assert.Equal(3, issue.GetProperty("row").GetInt32());
        Assert.Equal("Vacancies (FTE)", issue.GetProperty("column").GetString());
    }

    [Fact]
    public async Task Ingest_JsonArray_Accepted()
    {
        using var lake = TestLake.ForIngestion();
        var json = $$"""
            [{"period":"{{Month}}","role":"Physio","staff_in_post_fte":8,"staff_in_post_headcount":9,"vacancies_fte":1.5,"starters":0,"leavers":1},
             {"period":"{{Month}}","role":"OT","staff_in_post_fte":6,"staff_in_post_headcount":6,"vacancies_fte":0,"starters":1,"leavers":0,"bank_fte":null}]
            """;
        var record = await lake.IngestAsync("return.json", json);
        Assert.Equal(IngestionStatus.Accepted, record.Status);
        Assert.Equal(["occupational_therapist", "physiotherapist"], (await lake.ReadCuratedAsync<VacancyRecord>(Datasets.Vacancies, Month)).Select(r => r.Role).Order());
    }

    [Fact]
    public async Task Ingest_EstablishmentMismatch_IsAWarningNotARefusal()
    {
        using var lake = TestLake.ForIngestion();
        var content = $"period,role,establishment_fte,staff_in_post_fte,staff_in_post_headcount,vacancies_fte,starters,leavers\n{Month},HCA,120,100,110,10,1,1\n{Month},RGN,110.4,100,110,10,1,1\n";
        var record = await lake.IngestAsync("est.csv", content);
        Assert.Equal(IngestionStatus.AcceptedWithWarnings, record.Status);
        Assert.Equal(1, record.Warnings);
    }

    private static Encoding CodePages1252()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }
}
