using Microsoft.Extensions.DependencyInjection;
using Pipeline.Reliability.Tests.Faults;

namespace Pipeline.Reliability.Tests;

/// <summary>
/// A local lake in a temp folder whose stores go through the fault decorators, with the
/// pipeline's real services (AddPipeline) over them and indicators recomputed in process, as the
/// runner does. <see cref="Restart"/> discards every service and store instance, as a killed
/// process would, and builds new ones over the same folder.
/// </summary>
public sealed class ReliabilityLake : IDisposable
{
    private ServiceProvider _services;

    /// <param name="partners">The partners registered: <see cref="Uploads.Partners"/> unless given.</param>
    public ReliabilityLake(IEnumerable<string>? partners = null)
    {
        Folder = Path.Combine(Path.GetTempPath(), "pipeline-reliability-" + Guid.NewGuid().ToString("N"));
        _services = Build();
        var registry = new PartnerRegistry(new SqliteTableStore(TablesFolder));
        foreach (var partner in partners ?? Uploads.Partners)
        {
            registry.SaveAsync(new Partner(partner, partner, "nhs_trust", true), default).GetAwaiter().GetResult();
        }
    }

    /// <summary>
    /// Past the lease a failed or killed attempt leaves behind (a partition's, a recompute's, a
    /// publish intent's: all <see cref="LeaseRenewal.Length"/>). The killed "process" here is this
    /// test process, alive, so its leases are not known to be gone: they must run out.
    /// </summary>
    public static readonly TimeSpan LongestLease = LeaseRenewal.Length + TimeSpan.FromSeconds(1);

    public string Folder { get; }
    public FaultPlan Faults { get; } = new();
    public ShiftingClock Clock { get; } = new();

    /// <summary>The lake as a reader outside the pipeline sees it: no faults.</summary>
    public IObjectStore Objects => new LocalObjectStore(Folder);
    public ITableStore Tables => new SqliteTableStore(TablesFolder);

    public IngestionService Ingestion => _services.GetRequiredService<IngestionService>();
    public IndicatorRecomputer Recomputer => _services.GetRequiredService<IndicatorRecomputer>();
    public CuratedPublisher Publisher => _services.GetRequiredService<CuratedPublisher>();

    private string TablesFolder => Path.Combine(Folder, PipelineServiceCollectionExtensions.LocalLakeTablesFolder);

    public async Task<IngestionRecord> IngestAsync(Upload upload)
    {
        using var content = new MemoryStream(upload.Content);
        return await Ingestion.IngestAsync(LakePaths.LandingFile(upload.Partner, Datasets.Vacancies, upload.FileName), upload.UploadedAt, content, CancellationToken.None);
    }

    /// <summary>New service and store instances over the same folder; what the old ones held in memory is gone.</summary>
    public void Restart()
    {
        _services.Dispose();
        _services = Build();
    }

    private ServiceProvider Build()
    {
        var objects = new FaultingObjectStore(new LocalObjectStore(Folder), Faults);
        var tables = new FaultingTableStore(new SqliteTableStore(TablesFolder), Faults);
        var services = TestServices.Over(objects, tables)
            .AddSingleton(new PipelineOptions { PseudonymisationKey = Convert.ToBase64String(Encoding.UTF8.GetBytes("reliability-key-of-at-least-32-bytes")) })
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton<IIngestionEvents, InProcessIndicatorEvents>();
        return services.BuildServiceProvider();
    }

    public void Dispose()
    {
        _services.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
