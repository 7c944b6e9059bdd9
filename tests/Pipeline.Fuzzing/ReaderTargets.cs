namespace Pipeline.Fuzzing;

/// <summary>
/// The fuzz targets: one per reader, each feeding bytes to the real reader and the vacancy
/// validator as ingestion does. A refusal (<see cref="UnreadableUploadException"/>, or errors in
/// the report) is a correct answer to a hostile file; any other exception escapes.
/// </summary>
public static class ReaderTargets
{
    /// <summary>The readers fuzzed, by the corpus folder of each (tests/fuzz-corpus/NAME).</summary>
    public static readonly IReadOnlyList<string> Names = ["csv", "xlsx", "json"];

    private static readonly PipelineOptions Options = new();
    private static readonly UploadContext Upload = new("fuzz-partner", Datasets.Vacancies, "fuzz", new string('0', 64), DateTimeOffset.UnixEpoch);

    /// <param name="reader">One of <see cref="Names"/>: the upload is named <c>upload.{reader}</c>, which picks the reader.</param>
    /// <param name="workFolder">A scratch folder for the report and staging files; emptied afterwards.</param>
    public static void Run(string reader, byte[] input, string workFolder)
    {
        var fileName = "upload." + reader;
        Directory.CreateDirectory(workFolder);
        try
        {
            using var issues = new IssueSpool(Path.Combine(workFolder, "report"));
            try
            {
                var vocabulary = new Vocabulary(Upload.Partner, []);
                var validator = new UploadValidator<VacancyColumns>(() => new VacancyParser(Upload with { FileName = fileName }, vocabulary), vocabulary, Options, Period.Of(DateTimeOffset.UtcNow));
                using var source = TabularSources.Open(new MemoryStream(input, writable: false), fileName, Datasets.Vacancies, Options);
                using var stager = new PeriodStager(Path.Combine(workFolder, "staged"), validator.NewBatch());
                using var errorRows = new ErrorRowSpool(Path.Combine(workFolder, "rows-with-errors.csv"), Upload.Partner, pseudonymiser: null);
                using var duplicates = new DuplicateFinder(Path.Combine(workFolder, "duplicate-keys.spill"));
                // The fuzzer calls a synchronous target; staging writes to local files only.
                validator.ValidateAsync(source, issues, errorRows, stager, duplicates, CancellationToken.None).GetAwaiter().GetResult();
            }
            catch (UnreadableUploadException)
            {
                // Refused with a reason: what ingestion reports to the partner.
            }
            issues.Close();
        }
        finally
        {
            Directory.Delete(workFolder, recursive: true);
        }
    }
}
