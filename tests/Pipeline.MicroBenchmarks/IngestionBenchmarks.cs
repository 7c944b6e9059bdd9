using BenchmarkDotNet.Attributes;

namespace Pipeline.MicroBenchmarks;

/// <summary>The hot paths of an upload, each over the same 100,000-row vacancy return (and its leaver ids).</summary>
[MemoryDiagnoser]
public class IngestionBenchmarks
{
    private readonly PipelineOptions _options = new();
    private byte[] _csv = [];
    private IReadOnlyList<string> _header = [];
    private List<SourceRow> _rows = [];
    private VacancyColumns _columns = new();
    private List<string> _leaverIds = [];
    private Pseudonymiser _pseudonymiser = null!;

    [GlobalSetup]
    public void Setup()
    {
        _csv = Uploads.Vacancies();
        using (var source = Open())
        {
            _header = source.Header;
            _rows = source.ReadRows(CancellationToken.None).ToList();
        }
        _columns = Validate();
        _leaverIds = Enumerable.Range(0, Uploads.Rows).Select(i => $"EMP{i:D8}").ToList();
        _pseudonymiser = Pseudonymiser.FromBase64(Convert.ToBase64String(new byte[Pseudonymiser.MinimumKeyBytes]), out var problem)
            ?? throw new InvalidOperationException(problem);
    }

    /// <summary>CSV to batches of cells (Sep's spans under <see cref="DelimitedSource"/>).</summary>
    [Benchmark]
    public int ParseCsv()
    {
        using var source = Open();
        return source.ReadBatches(CancellationToken.None).Sum(batch => batch.Count);
    }

    /// <summary>
    /// The vacancies contract's checks and conversions into curated columns, over cells already parsed
    /// (copied into batches as a source would fill them).
    /// </summary>
    [Benchmark]
    public int ValidateRows() => Validate().Count;

    /// <summary>HMAC-SHA256 pseudonyms of the leaver ids.</summary>
    [Benchmark]
    public int PseudonymiseLeaverIds()
    {
        var length = 0;
        foreach (var id in _leaverIds)
        {
            length += _pseudonymiser.Pseudonymise(Uploads.Partner, id).Length;
        }
        return length;
    }

    /// <summary>The validated columns as one curated Parquet row group.</summary>
    [Benchmark]
    public async Task<long> WriteParquet()
    {
        await using var buffer = new MemoryStream();
        await using (var writer = await ParquetFiles.CreateWriterAsync(_columns, buffer, CancellationToken.None))
        {
            await _columns.WriteRowGroupAsync(writer, CancellationToken.None);
        }
        return buffer.Length;
    }

    private ITabularSource Open() => TabularSources.Open(new MemoryStream(_csv, writable: false), "return.csv", Datasets.Vacancies, _options);

    private VacancyColumns Validate()
    {
        var upload = new UploadContext(Uploads.Partner, Datasets.Vacancies, "return.csv", new string('0', 64), DateTimeOffset.UnixEpoch);
        var parser = new VacancyParser(upload, new Vocabulary(Uploads.Partner, []));
        var issues = new List<ValidationIssue>();
        var reader = new RowReader(ColumnMap.Build(parser.Schema, _header, null, issues), null, Uploads.Latest);
        var columns = parser.NewBatch();
        foreach (var batch in CellBatch.FromRows(_header.Count, _rows))
        {
            for (var i = 0; i < batch.Count; i++)
            {
                reader.Start(batch, i);
                parser.Parse(reader, columns);
            }
        }
        return columns.Count == _rows.Count ? columns : throw new InvalidOperationException($"{_rows.Count - columns.Count} rows did not validate.");
    }
}
