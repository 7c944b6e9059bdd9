namespace Pipeline.Core.Tests.Ingestion;

/// <summary>
/// The columnar path (cells read as spans into batches) against a plain row-by-row reading of
/// the same files (one string per cell, one row at a time): the same curated rows and the
/// same report, byte for byte, for every file of the bad-input corpus and the samples.
/// </summary>
public sealed class ColumnarReadingTests : IDisposable
{
    private static readonly Period Month = TestLake.LastMonth;
    private static readonly UploadContext Upload = new(TestLake.Partner, Datasets.Vacancies, "return.csv", "ab12", new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    private readonly string _folder = Directory.CreateTempSubdirectory("columnar-").FullName;
    private readonly PipelineOptions _options = new();
    private readonly Pseudonymiser _pseudonymiser = Pseudonymiser.FromBase64(Convert.ToBase64String(new byte[32]), out _)!;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string, string, byte[]> Corpus()
    {
        var corpus = new TheoryData<string, string, byte[]>();
        foreach (var row in BadInputTests.BadVacancyReturns())
        {
            corpus.Add(Datasets.Vacancies, (string)row[0], Encoding.UTF8.GetBytes((string)row[1]));
        }
        foreach (var sample in Directory.GetFiles(Path.Combine(RepositoryRoot(), "samples", "uploads")).Order())
        {
            var dataset = Path.GetFileName(sample).Contains("exit", StringComparison.Ordinal) ? Datasets.Exits : Datasets.Vacancies;
            corpus.Add(dataset, Path.GetFileName(sample), File.ReadAllBytes(sample));
        }
        var header = Returns.Header;
        var quoted = $"{header}\n{Month},registered_nurse,\"Ward 3, \"\"East\"\"\nwing\",10,11,1,0,0,0,0\n";
        corpus.Add(Datasets.Vacancies, "quoted.csv", Encoding.UTF8.GetBytes(quoted));
        var blankAndRagged = $"{header}\r\n{Returns.Row(Month)}\r\n,,,\r\n   ,  ,\r\n\r\n{Returns.Row(Month, role: "HCA")},extra,cells\r\n{Month},care_worker,Short\r\n";
        corpus.Add(Datasets.Vacancies, "blank-and-ragged.csv", Encoding.UTF8.GetBytes(blankAndRagged));
        var messyValues = Returns.Vacancies(
            Returns.Row(Month, inPost: " 1,234.5 ", headcount: "12.0"), Returns.Row(Month, role: "care_worker", headcount: "12.5"),
            Returns.Row(Month, role: "Registred Nurse"), Returns.Row(Month, role: "  RGN  ", site: " main "), Returns.Row(Month, site: "MAIN"),
            Returns.Row(Month.AddMonths(-200), role: "hca"), $"Oct-99,care_worker,X,1,1,0,0,0,0,0", $"not a month,care_worker,Y,1,1,0,0,0,0,0",
            Returns.Row(Month, role: "", vacancies: "-1", starters: "1e2", leavers: "99999999999"));
        corpus.Add(Datasets.Vacancies, "messy-values.csv", Encoding.UTF8.GetBytes(messyValues));
        corpus.Add(Datasets.Vacancies, "semicolon-utf16.csv", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(messyValues.Replace(',', ';'))).ToArray());
        var leaveDate = $"{Month}-15";
        var exits = $"{Returns.ExitsHeader},length_of_service_months,would_recommend\n" +
            $"E1,{leaveDate},care_worker,2020-01-31,Voluntary Resignation - Relocation,retired,yes,25 to 34,\"note, with comma\",,maybe\n" +
            $"E2,{leaveDate},hca,{leaveDate},made up reason,the moon,N,90+,,-3,\n" +
            $"E1,{leaveDate},care_worker,2030-01-01,Retirement,,Y,65 and over,,,1\n" +
            $"  ,31/02/2026,,,,,,,,,\n" +
            $"E4,46296,care_worker,,Retirement,,,,,12,\n";
        corpus.Add(Datasets.Exits, "exits-messy.csv", Encoding.UTF8.GetBytes(exits));
        corpus.Add(Datasets.Vacancies, "many-batches.csv", Encoding.UTF8.GetBytes(ManyBatches()));
        corpus.Add(Datasets.Vacancies, "return.json", Encoding.UTF8.GetBytes($"[{{\"period\":\"{Month}\",\"role\":\"RGN\",\"staff_in_post_fte\":\"1\",\"staff_in_post_headcount\":1,\"vacancies_fte\":0,\"starters\":0,\"leavers\":0}},{{}}]"));
        return corpus;
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Validate_ColumnarAndRowByRow_GiveTheSameCuratedRowsAndReport(string dataset, string name, byte[] content)
    {
        var columnar = await RunAsync(dataset, name, content, rowByRow: false);
        var rowByRow = await RunAsync(dataset, name, content, rowByRow: true);

        Assert.Equal(rowByRow.Report, columnar.Report);
        Assert.Equal(rowByRow.Rows, columnar.Rows);
    }

    [Fact]
    public async Task Validate_BatchesParsedSideBySide_GiveTheSameCuratedRowsAndReportAsOneAtATime()
    {
        var content = Encoding.UTF8.GetBytes(ManyBatches());

        var oneAtATime = await RunAsync(Datasets.Vacancies, "many-batches.csv", content, rowByRow: false, batchesAhead: 1);
        Assert.Contains("\"duplicate-row\"", oneAtATime.Report, StringComparison.Ordinal);
        Assert.Contains("role:Bank Carer:", oneAtATime.Report, StringComparison.Ordinal);
        for (var run = 0; run < 3; run++)
        {
            var sideBySide = await RunAsync(Datasets.Vacancies, "many-batches.csv", content, rowByRow: false, batchesAhead: 8);
            Assert.Equal(oneAtATime.Report, sideBySide.Report);
            Assert.Equal(oneAtATime.Rows, sideBySide.Rows);
        }
    }

    /// <summary>
    /// Three and a half batches of rows over three months, with something in every batch that
    /// depends on the order of rows: errors, an unknown role spelt two ways (the first spelling
    /// met names it), and a row that repeats the first row's key three batches later.
    /// </summary>
    private static string ManyBatches()
    {
        var rows = new List<string>();
        for (var i = 0; i < 3 * CellBatch.Capacity + 500; i++)
        {
            var month = Month.AddMonths(-(i % 3));
            rows.Add(i switch
            {
                _ when i % 997 == 5 => Returns.Row(month, role: i % 2 == 0 ? "bank carer" : "Bank Carer", site: $"S{i}"),
                _ when i % 1500 == 7 => Returns.Row(month, vacancies: "-1", site: $"S{i}"),
                9000 => Returns.Row(Month, site: "S0"),
                _ => Returns.Row(month, site: $"S{i}"),
            });
        }
        return Returns.Vacancies([.. rows]);
    }

    [Fact]
    public async Task Corpus_HasCuratedRowsAndIssuesToCompare()
    {
        var outcomes = new List<Outcome>();
        foreach (var row in Corpus())
        {
            outcomes.Add(await RunAsync((string)row[0], (string)row[1], (byte[])row[2], rowByRow: false));
        }
        Assert.True(outcomes.Sum(o => o.Rows.Skip(1).Count()) > 20);
        Assert.True(outcomes.Count(o => o.Report.Contains("\"error\"", StringComparison.Ordinal)) > 10);
        Assert.Contains(outcomes, o => o.Report.Contains("\"warning\"", StringComparison.Ordinal));
    }

    /// <summary>The report's CSV and JSON, and every curated row (as JSON, in period then file order).</summary>
    private sealed record Outcome(string Report, List<string> Rows);

    private async Task<Outcome> RunAsync(string dataset, string name, byte[] content, bool rowByRow, int? batchesAhead = null)
    {
        var folder = Path.Combine(_folder, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var vocabulary = new Vocabulary(Upload.Partner, []);
        var upload = Upload with { Dataset = dataset, FileName = name };
        var issues = new IssueSpool(Path.Combine(folder, "report"));
        var rows = new List<string>();
        try
        {
            using var opened = TabularSources.Open(new MemoryStream(content), name, dataset, _options);
            using var source = rowByRow ? new RowByRowSource(opened) : opened;
            rows = dataset == Datasets.Vacancies
                ? await ValidateAsync<VacancyColumns, VacancyRecord>(() => new VacancyParser(upload, vocabulary), vocabulary, source, issues, folder, batchesAhead)
                : await ValidateAsync<ExitColumns, ExitRecord>(() => new ExitParser(upload, _pseudonymiser, vocabulary), vocabulary, source, issues, folder, batchesAhead);
        }
        catch (UnreadableUploadException e)
        {
            issues.Add(new ValidationIssue(Severity.Error, 0, null, null, null, e.Rule, e.Message, e.Fix));
        }
        issues.Close();
        var report = await File.ReadAllTextAsync(issues.CsvPath) + await File.ReadAllTextAsync(issues.IssuesJsonPath)
            + string.Join(",", vocabulary.Unmapped.Select(u => $"{u.Kind}:{u.Text}:{u.Rows}"));
        return new Outcome(report, rows);
    }

    private async Task<List<string>> ValidateAsync<TColumns, TRecord>(Func<IRecordParser<TColumns>> newParser, Vocabulary vocabulary, ITabularSource source, IssueSpool issues, string folder, int? batchesAhead)
        where TColumns : CuratedColumns where TRecord : class, new()
    {
        var validator = new UploadValidator<TColumns>(newParser, vocabulary, _options, Period.Of(DateTimeOffset.UtcNow), batchesAhead);
        using var stager = new PeriodStager(Path.Combine(folder, "staged"), validator.NewBatch());
        using var errorRows = new ErrorRowSpool(Path.Combine(folder, "rows-with-errors.csv"), "pa", pseudonymiser: null);
        using var duplicates = new DuplicateFinder(Path.Combine(folder, "duplicate-keys.spill"));
        var result = await validator.ValidateAsync(source, issues, errorRows, stager, duplicates, CancellationToken.None);
        var staged = await stager.CompleteAsync(CancellationToken.None);
        var rows = new List<string> { $"rows in {result.RowsIn}: {string.Join(",", result.Periods.Order())}" };
        foreach (var (period, file) in staged.OrderBy(p => p.Key))
        {
            await using var stream = File.OpenRead(file.Path);
            await foreach (var row in ParquetFiles.ReadAsync<TRecord>(stream, CancellationToken.None))
            {
                rows.Add($"{period} {JsonSerializer.Serialize(row)}");
            }
        }
        return rows;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Pipeline.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("The tests run outside the repository.");
    }

    /// <summary>The plain reading: one string per cell, one row at a time (the source's batches are not used).</summary>
    private sealed class RowByRowSource(ITabularSource inner) : ITabularSource
    {
        public string? Sheet => inner.Sheet;

        public IReadOnlyList<string> Header => inner.Header;

        public IEnumerable<SourceRow> ReadRows(CancellationToken cancellationToken) => inner.ReadRows(cancellationToken);

        public void Dispose() => inner.Dispose();
    }
}
