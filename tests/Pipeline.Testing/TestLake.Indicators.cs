using System.Security.Cryptography;

namespace Pipeline.Testing;

/// <summary>
/// The lake as the indicator tests use it: curated partitions and feed files written the way the
/// pipeline lays them out, and the engine and recomputer over them.
/// </summary>
public sealed partial class TestLake
{
    /// <summary>The clock of <see cref="ForIndicators"/>: every row it computes carries this time.</summary>
    public static readonly DateTime ComputedAt = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    private int _files;

    /// <summary>A lake with no partners, whose clock stands still at <see cref="ComputedAt"/>.</summary>
    public static TestLake ForIndicators(int suppressionThreshold = 7) =>
        new(options => options.SuppressionThreshold = suppressionThreshold, now: new DateTimeOffset(ComputedAt));

    public IndicatorEngine Engine => Get<IndicatorEngine>();
    public IndicatorOutput Output => Get<IndicatorOutput>();
    public IndicatorRecomputer Recomputer => Get<IndicatorRecomputer>();

    /// <summary>Replaces the partner's month of vacancies with these rows (one part file, as after a finished replacement).</summary>
    public Task WriteVacanciesAsync(string partner, string period, params VacancyRecord[] rows) =>
        ReplacePartitionAsync(Datasets.Vacancies, partner, period, rows);

    /// <summary>
    /// The smallest lake to compute from: partner <c>pa</c>, an NHS trust, with one care worker row
    /// in 2026-03 (8 FTE in post, 2 vacant: a vacancy rate of 0.2).
    /// </summary>
    public async Task WriteOneTrustMonthAsync()
    {
        await AddPartnerAsync("pa", "nhs_trust");
        await WriteVacanciesAsync("pa", "2026-03", Rows.Vacancy("care_worker", 8, 2));
    }

    public Task WriteExitsAsync(string partner, string period, params ExitRecord[] rows) =>
        ReplacePartitionAsync(Datasets.Exits, partner, period, rows);

    public async Task WritePostingsAsync(string feed, params PostingRecord[] rows)
    {
        foreach (var month in rows.GroupBy(r => Period.Of(r.PostedDate)))
        {
            await WriteParquetAsync(FeedPart(Datasets.LmiPostings, month.Key.ToString(), feed), month.ToList());
        }
    }

    public Task WriteClaimantsAsync(string feed, string period, params ClaimantRecord[] rows) =>
        WriteParquetAsync(FeedPart(Datasets.LmiClaimants, period, feed), rows);

    /// <param name="period">The quarter's end month.</param>
    public Task WriteNhsVacanciesAsync(string feed, string period, params NhsVacancyRecord[] rows) =>
        WriteParquetAsync(FeedPart(Datasets.LmiNhsVacancies, period, feed), rows);

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

    private string FeedPart(string dataset, string period, string feed) => $"curated/{dataset}/period={period}/feed={feed}/part-{NextSha()[..8]}.parquet";

    private async Task ReplacePartitionAsync<T>(string dataset, string partner, string period, IReadOnlyCollection<T> rows)
        where T : class, new()
    {
        var folder = LakePaths.CuratedPartition(dataset, period, partner);
        var old = new List<string>();
        await foreach (var info in Objects.ListAsync(folder, CancellationToken.None))
        {
            old.Add(info.Path);
        }
        await WriteParquetAsync(LakePaths.CuratedPart(dataset, period, partner, NextSha()), rows);
        foreach (var path in old)
        {
            await Objects.DeleteAsync(path, CancellationToken.None);
        }
    }

    /// <summary>A Parquet file of these row groups, one after the other, at any path of the lake: a second part, a stray file.</summary>
    public async Task WriteParquetAsync<T>(string path, params IReadOnlyCollection<T>[] rowGroups)
        where T : class, new()
    {
        await using var buffer = new MemoryStream();
        for (var group = 0; group < rowGroups.Length; group++)
        {
            await ParquetFiles.WriteRowGroupAsync(rowGroups[group], buffer, append: group > 0, CancellationToken.None);
        }
        buffer.Position = 0;
        await Objects.WriteAsync(path, buffer, CancellationToken.None);
    }

    private string NextSha() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"file-{Interlocked.Increment(ref _files)}")));
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
            UploadedAt = TestLake.ComputedAt,
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
            UploadedAt = TestLake.ComputedAt,
        };

    public static IndicatorRow Get(this IEnumerable<IndicatorRow> rows, string indicator, string scopeType, string scope) =>
        rows.Single(r => r.Indicator == indicator && r.ScopeType == scopeType && r.Scope == scope);

    public static IndicatorRow? Find(this IEnumerable<IndicatorRow> rows, string indicator, string scopeType, string scope) =>
        rows.SingleOrDefault(r => r.Indicator == indicator && r.ScopeType == scopeType && r.Scope == scope);
}
