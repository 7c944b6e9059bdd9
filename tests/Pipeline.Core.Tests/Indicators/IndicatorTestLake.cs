using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Core;
using Pipeline.Core.Curated;
using Pipeline.Core.Indicators;
using Pipeline.Core.Ingestion.Publishing;
using Pipeline.Core.Lake;
using Pipeline.Core.Partners;
using Pipeline.Core.Storage;
using Pipeline.Core.Storage.Local;

namespace Pipeline.Tests.Indicators;

/// <summary>
/// A throwaway local lake for indicator tests: writes curated partitions and feed files the way
/// the pipeline lays them out, and builds the engine and recomputer over them.
/// </summary>
public sealed class IndicatorTestLake : IDisposable
{
    public static readonly DateTime ComputedAt = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    private int _files;

    public IndicatorTestLake(int suppressionThreshold = 7)
    {
        Root = Path.Combine(Path.GetTempPath(), "indicators-test-" + Guid.NewGuid().ToString("N"));
        Objects = new LocalObjectStore(Root);
        Tables = new SqliteTableStore(Path.Combine(Root, "_tables"));
        Options = new PipelineOptions { SuppressionThreshold = suppressionThreshold };
    }

    public string Root { get; }
    public IObjectStore Objects { get; }
    public ITableStore Tables { get; }
    public PipelineOptions Options { get; }
    public TimeProvider Time { get; } = new FixedTime(ComputedAt);

    public IndicatorEngine Engine => new(new CuratedLakeReader(Objects), new PartnerRegistry(Tables), Options, Time);
    public IndicatorOutput Output => new(Objects, new IndicatorStore(Tables));
    public IndicatorRecomputer Recomputer => new(Engine, Output, new PeriodCommitGate(Tables, Time), new PublishIntents(Tables, Time), Time, NullLogger<IndicatorRecomputer>.Instance);

    public Task AddPartnerAsync(string id, string sector, bool active = true) =>
        new PartnerRegistry(Tables).SaveAsync(new Partner(id, id, sector, active), CancellationToken.None);

    /// <summary>Replaces the partner's month of vacancies with these rows (one part file, as after a finished replacement).</summary>
    public Task WriteVacanciesAsync(string partner, string period, params VacancyRecord[] rows) =>
        ReplacePartitionAsync(Datasets.Vacancies, partner, period, rows);

    public Task WriteExitsAsync(string partner, string period, params ExitRecord[] rows) =>
        ReplacePartitionAsync(Datasets.Exits, partner, period, rows);

    public async Task WritePostingsAsync(string feed, params PostingRecord[] rows)
    {
        foreach (var month in rows.GroupBy(r => Period.Of(r.PostedDate)))
        {
            await WriteFileAsync($"curated/{Datasets.LmiPostings}/period={month.Key}/feed={feed}/part-{NextSha()[..8]}.parquet", month.ToList());
        }
    }

    public Task WriteClaimantsAsync(string feed, string period, params ClaimantRecord[] rows) =>
        WriteFileAsync($"curated/{Datasets.LmiClaimants}/period={period}/feed={feed}/part-{NextSha()[..8]}.parquet", rows);

    /// <param name="period">The quarter's end month.</param>
    public Task WriteNhsVacanciesAsync(string feed, string period, params NhsVacancyRecord[] rows) =>
        WriteFileAsync($"curated/{Datasets.LmiNhsVacancies}/period={period}/feed={feed}/part-{NextSha()[..8]}.parquet", rows);

    /// <summary>Computes one month straight from the engine, without writing anything.</summary>
    public async Task<IReadOnlyList<IndicatorRow>> ComputeAsync(string period)
    {
        var month = Period.Parse(period);
        var inputs = await Engine.LoadAsync([month], CancellationToken.None);
        return Engine.Compute(inputs, month);
    }

    public async Task<IReadOnlyList<IndicatorRow>> ReadOutputAsync(string period)
    {
        var rows = new List<IndicatorRow>();
        await foreach (var row in Output.ReadAsync(Period.Parse(period), CancellationToken.None))
        {
            rows.Add(row);
        }
        return rows;
    }

    private async Task ReplacePartitionAsync<T>(string dataset, string partner, string period, IReadOnlyCollection<T> rows)
        where T : class, new()
    {
        var folder = LakePaths.CuratedPartition(dataset, period, partner);
        var old = new List<string>();
        await foreach (var info in Objects.ListAsync(folder, CancellationToken.None))
        {
            old.Add(info.Path);
        }
        await WriteFileAsync(LakePaths.CuratedPart(dataset, period, partner, NextSha()), rows);
        foreach (var path in old)
        {
            await Objects.DeleteAsync(path, CancellationToken.None);
        }
    }

    private async Task WriteFileAsync<T>(string path, IReadOnlyCollection<T> rows)
        where T : class, new()
    {
        await using var buffer = new MemoryStream();
        await ParquetFiles.WriteRowGroupAsync(rows, buffer, append: false, CancellationToken.None);
        buffer.Position = 0;
        await Objects.WriteAsync(path, buffer, CancellationToken.None);
    }

    private string NextSha() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"file-{++_files}")));

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    private sealed class FixedTime(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now, TimeSpan.Zero);
    }
}

/// <summary>Builds curated rows with only what a test cares about.</summary>
public static class Rows
{
    public static VacancyRecord Vacancy(string role, double inPostFte, double vacanciesFte, int headcount = 0, int starters = 0, int leavers = 0,
        int? advertised = null, int? applications = null, double? agencyFte = null, string? site = null) => new()
        {
            Role = role,
            StaffGroup = Pipeline.Core.Reference.ReferenceData.Roles.Get(role).Group!,
            Site = site,
            StaffInPostFte = inPostFte,
            StaffInPostHeadcount = headcount,
            VacanciesFte = vacanciesFte,
            Starters = starters,
            Leavers = leavers,
            VacanciesAdvertised = advertised,
            Applications = applications,
            AgencyFte = agencyFte,
            SourceSha256 = new string('a', 64),
            UploadedAt = IndicatorTestLake.ComputedAt,
        };

    public static ExitRecord Exit(string role, string period, string reason = "pay", string destination = "unknown",
        int? serviceMonths = null, bool? wouldReturn = null) => new()
        {
            LeaverId = Guid.NewGuid().ToString("N"),
            LeaveDate = Period.Parse(period).FirstDay.AddDays(9),
            Role = role,
            StaffGroup = Pipeline.Core.Reference.ReferenceData.Roles.Get(role).Group!,
            Reason = reason,
            Destination = destination,
            LengthOfServiceMonths = serviceMonths,
            WouldReturn = wouldReturn,
            SourceSha256 = new string('b', 64),
            UploadedAt = IndicatorTestLake.ComputedAt,
        };

    public static IndicatorRow Get(this IEnumerable<IndicatorRow> rows, string indicator, string scopeType, string scope) =>
        rows.Single(r => r.Indicator == indicator && r.ScopeType == scopeType && r.Scope == scope);

    public static IndicatorRow? Find(this IEnumerable<IndicatorRow> rows, string indicator, string scopeType, string scope) =>
        rows.SingleOrDefault(r => r.Indicator == indicator && r.ScopeType == scopeType && r.Scope == scope);
}
