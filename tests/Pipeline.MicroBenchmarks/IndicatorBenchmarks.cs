using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Testing;

namespace Pipeline.MicroBenchmarks;

/// <summary>
/// The indicator engine over a lake holding a 100,000-row vacancy return and 100,000 exits over 120
/// months: reading the curated columns and aggregating them into every month's indicators.
/// </summary>
[MemoryDiagnoser]
public class IndicatorBenchmarks
{
    private readonly string _lake = Path.Combine(Path.GetTempPath(), "pipeline-micro-lake-" + Guid.NewGuid().ToString("N"));
    private ServiceProvider _services = null!;
    private IndicatorEngine _engine = null!;
    private IReadOnlyList<Period> _periods = [];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var objects = new LocalObjectStore(_lake);
        var tables = new SqliteTableStore(Path.Combine(_lake, "_tables"));
        await new PartnerRegistry(tables).SaveAsync(new Partner(Uploads.Partner, "Benchmark Trust", "nhs_trust", true), CancellationToken.None);
        _services = TestServices.Over(objects, tables)
            .Configure<PipelineOptions>(options => options.PseudonymisationKey = Convert.ToBase64String(new byte[Pseudonymiser.MinimumKeyBytes]))
            .BuildServiceProvider();
        var ingestion = _services.GetRequiredService<IngestionService>();
        foreach (var (dataset, content) in new[] { (Datasets.Vacancies, Uploads.Vacancies()), (Datasets.Exits, Uploads.Exits()) })
        {
            var record = await ingestion.IngestAsync(LakePaths.LandingFile(Uploads.Partner, dataset, dataset + ".csv"), DateTimeOffset.UtcNow,
                new MemoryStream(content), CancellationToken.None);
            if (record.Status != IngestionStatus.Accepted)
            {
                throw new InvalidOperationException($"The benchmark's {dataset} upload was {record.Status}: {record.Message}");
            }
        }
        _engine = _services.GetRequiredService<IndicatorEngine>();
        _periods = await _engine.ListPeriodsAsync(CancellationToken.None);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _services.DisposeAsync();
        Directory.Delete(_lake, recursive: true);
    }

    /// <summary>Reads and aggregates the curated columns every month needs (the vacancy window of 12 months included).</summary>
    [Benchmark]
    public async Task<int> LoadInputs() => (await _engine.LoadAsync(_periods, CancellationToken.None)).VacancyCells.Count;

    /// <summary>Reads, aggregates and computes every month's indicator rows (no output written).</summary>
    [Benchmark]
    public async Task<int> ComputeAllMonths()
    {
        var inputs = await _engine.LoadAsync(_periods, CancellationToken.None);
        return _periods.Sum(period => _engine.Compute(inputs, period).Count);
    }
}
