using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Core.Curated;
using Pipeline.Core.Ingestion;
using Pipeline.Core.Lake;
using Pipeline.Core.Partners;
using Pipeline.Core.Storage.Local;
using Pipeline.Tests.Shared;

namespace Pipeline.Core.Tests.Ingestion;

/// <summary>A local folder lake in a temp folder, with two registered partners and an ingestion service over it.</summary>
public sealed class TestLake : IDisposable
{
    public const string Partner = "nhs-north";
    public const string OtherPartner = "care-south";
    public const string InactivePartner = "closed-home";

    public TestLake(Action<PipelineOptions>? configure = null)
    {
        Folder = Path.Combine(Path.GetTempPath(), "pipeline-test-" + Guid.NewGuid().ToString("N"));
        Objects = new LocalObjectStore(Folder);
        Tables = new SqliteTableStore(Path.Combine(Folder, "_tables"));
        Options = new PipelineOptions { PseudonymisationKey = Convert.ToBase64String(Encoding.UTF8.GetBytes("test-key-of-at-least-thirty-two-bytes!")) };
        configure?.Invoke(Options);
        var registry = new PartnerRegistry(Tables);
        registry.SaveAsync(new Partner(Partner, "North NHS Trust", "nhs_trust", true), default).GetAwaiter().GetResult();
        registry.SaveAsync(new Partner(OtherPartner, "South Care", "care_provider", true), default).GetAwaiter().GetResult();
        registry.SaveAsync(new Partner(InactivePartner, "Closed Home", "care_provider", false), default).GetAwaiter().GetResult();
        Service = TestServices.Over(Objects, Tables, Events).AddSingleton(Options).BuildServiceProvider().GetRequiredService<IngestionService>();
    }

    public string Folder { get; }
    public LocalObjectStore Objects { get; }
    public SqliteTableStore Tables { get; }
    public PipelineOptions Options { get; }
    public RecordingEvents Events { get; } = new();
    public IngestionService Service { get; }
    public IngestionLog Log => new(Tables);

    /// <summary>The reporting month before the current one: always valid, never in the future.</summary>
    public static Period LastMonth => Period.Of(DateTimeOffset.UtcNow).AddMonths(-1);

    public Task<IngestionRecord> IngestAsync(string fileName, string content, DateTimeOffset? uploadedAt = null, string dataset = Datasets.Vacancies, string partner = Partner) =>
        IngestAsync(fileName, Encoding.UTF8.GetBytes(content), uploadedAt, dataset, partner);

    public async Task<IngestionRecord> IngestAsync(string fileName, byte[] content, DateTimeOffset? uploadedAt = null, string dataset = Datasets.Vacancies, string partner = Partner)
    {
        using var stream = new MemoryStream(content);
        return await Service.IngestAsync(LakePaths.LandingFile(partner, dataset, fileName), uploadedAt ?? DateTimeOffset.UtcNow, stream, CancellationToken.None);
    }

    /// <summary>Every curated file with its bytes, to prove a refusal changed nothing.</summary>
    public Dictionary<string, string> CuratedSnapshot() =>
        Directory.Exists(Path.Combine(Folder, LakePaths.Curated))
            ? Directory.EnumerateFiles(Path.Combine(Folder, LakePaths.Curated), "*", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(Folder, f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))))
            : [];

    public async Task<List<T>> ReadCuratedAsync<T>(string dataset, Period period, string partner = Partner) where T : class, new()
    {
        var rows = new List<T>();
        await foreach (var part in Objects.ListAsync(LakePaths.CuratedPartition(dataset, period.ToString(), partner), default))
        {
            await using var stream = await Objects.OpenReadAsync(part.Path, default);
            await foreach (var row in ParquetFiles.ReadAsync<T>(stream, default))
            {
                rows.Add(row);
            }
        }
        return rows;
    }

    public async Task<System.Text.Json.JsonDocument> ReportAsync(IngestionRecord record)
    {
        await using var stream = await Objects.OpenReadAsync(record.ReportPath!, default);
        return await System.Text.Json.JsonDocument.ParseAsync(stream);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

public sealed class RecordingEvents : IIngestionEvents
{
    public List<CuratedChange> Changes { get; } = [];

    public Task CuratedChangedAsync(CuratedChange change, CancellationToken cancellationToken)
    {
        Changes.Add(change);
        return Task.CompletedTask;
    }
}

/// <summary>Small vacancy returns written as partners write them.</summary>
public static class Returns
{
    public const string Header = "period,role,site,staff_in_post_fte,staff_in_post_headcount,vacancies_fte,vacancies_advertised,applications,starters,leavers";

    public static string Vacancies(params string[] rows) => Header + "\n" + string.Join("\n", rows) + "\n";

    public static string Row(Period period, string role = "registered_nurse", string site = "Main", string inPost = "100", string headcount = "110", string vacancies = "10", string starters = "3", string leavers = "2") =>
        $"{period},{role},{site},{inPost},{headcount},{vacancies},4,20,{starters},{leavers}";

    public const string ExitsHeader = "leaver_id,leave_date,role,start_date,reason,destination,would_return,age_band,comments";
}
