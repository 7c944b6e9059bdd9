using Xunit;

namespace Pipeline.Testing;

/// <summary>
/// A small folder lake for the serving tests, written through the same stores the pipeline
/// uses: four partners (one that has not submitted for the latest month, one inactive), the
/// partnership's indicators for 13 months, a partner and role breakdown for the latest month
/// (with a suppressed value), and an ingestion log. North-trust's users are an Entra ID group,
/// sunrise-care's a named user (<see cref="Principals"/>). Shared by a test class as its fixture.
/// </summary>
public sealed class ServingTestLake : IAsyncLifetime, IDisposable
{
    public const string Latest = "2026-01";
    public const string NotSubmitted = "city-council";
    public static readonly DateTime ComputedAt = new(2026, 2, 4, 3, 30, 0, DateTimeKind.Utc);

    public ServingTestLake() : this(null)
    {
    }

    private ServingTestLake(Action<PipelineOptions>? configure) => Lake = new TestLake(configure);

    /// <summary>The serving lake with these settings, for a test that builds its fixture itself.</summary>
    public static ServingTestLake With(Action<PipelineOptions> configure) => new(configure);

    public TestLake Lake { get; }
    public string Root => Lake.Root;
    public ITableStore Tables => Lake.Tables;
    public IndicatorStore Indicators => Lake.Get<IndicatorStore>();
    public PartnerRegistry Partners => Lake.Get<PartnerRegistry>();
    public IngestionLog Log => Lake.Log;

    /// <summary>Every row written, by period, so tests can compute what they expect on their own.</summary>
    public Dictionary<string, List<IndicatorRow>> Written { get; } = [];

    public static IReadOnlyList<Partner> PartnerList { get; } =
    [
        new("north-trust", "North Moor NHS Trust", "nhs_trust", true) { EntraGroup = Principals.NorthGroup },
        new("sunrise-care", "Sunrise Care Homes", "care_provider", true) { Users = [Principals.SunriseUser] },
        new(NotSubmitted, "Riverside City Council", "local_authority", true),
        new("old-hospice", "Old Hospice", "voluntary", false),
    ];

    public async Task WriteAsync(CancellationToken cancellationToken)
    {
        foreach (var partner in PartnerList)
        {
            await Partners.SaveAsync(partner, cancellationToken);
        }
        var latest = Period.Parse(Latest);
        for (var back = 12; back >= 0; back--)
        {
            var period = latest.AddMonths(-back).ToString();
            var rows = PartnershipRows(period, 12 - back);
            if (period == Latest)
            {
                rows.AddRange(BreakdownRows(period));
            }
            await ReplaceAsync(period, rows, cancellationToken);
        }
        foreach (var record in IngestionRecords())
        {
            await Log.SaveAsync(record, cancellationToken);
        }
    }

    public async Task ReplaceAsync(string period, List<IndicatorRow> rows, CancellationToken cancellationToken)
    {
        Written[period] = rows;
        await Indicators.ReplacePeriodAsync(period, rows, cancellationToken);
    }

    public static IndicatorRow Ratio(string indicator, string period, string scopeType, string scope, double numerator, double denominator, int partners) => new()
    {
        Indicator = indicator,
        Period = period,
        ScopeType = scopeType,
        Scope = scope,
        Numerator = numerator,
        Denominator = denominator,
        Value = denominator == 0 ? null : numerator / denominator,
        PartnersReporting = partners,
        ComputedAt = ComputedAt,
    };

    public static IndicatorRow Count(string indicator, string period, string scopeType, string scope, double value, int partners) => new()
    {
        Indicator = indicator,
        Period = period,
        ScopeType = scopeType,
        Scope = scope,
        Numerator = value,
        Value = value,
        PartnersReporting = partners,
        ComputedAt = ComputedAt,
    };

    public static IndicatorRow Suppressed(string indicator, string period, string scopeType, string scope) => new()
    {
        Indicator = indicator,
        Period = period,
        ScopeType = scopeType,
        Scope = scope,
        Suppressed = true,
        PartnersReporting = 1,
        ComputedAt = ComputedAt,
    };

    /// <summary>Month <paramref name="i"/> (0 = a year before the latest) has numbers that change each month.</summary>
    private static List<IndicatorRow> PartnershipRows(string period, int i)
    {
        const string type = ScopeTypes.Partnership, all = ScopeTypes.PartnershipScope;
        double vacancies = 30 - i, inPost = 270 + 2 * i, starters = 10 + i, leavers = 14 - (i % 5);
        return
        [
            Ratio("vacancy_rate", period, type, all, vacancies, inPost + vacancies, 2),
            Count("vacancies_fte", period, type, all, vacancies, 2),
            Ratio("applications_per_advert", period, type, all, 40 + 3 * i, 10 + (i % 3), 2),
            Count("starters", period, type, all, starters, 2),
            Count("leavers", period, type, all, leavers, 2),
            Count("net_flow", period, type, all, starters - leavers, 2),
            Ratio("turnover_rate_12m", period, type, all, 150 - i, 1000 + 10 * i, 2),
            Ratio("left_sector_share", period, type, all, 5 + (i % 4), 21 + i, 2),
            Ratio("submission_coverage", period, type, all, 2 + (i % 2), 3, 2 + (i % 2)),
        ];
    }

    private static List<IndicatorRow> BreakdownRows(string period) =>
    [
        Ratio("vacancy_rate", period, ScopeTypes.Partner, "north-trust", 12, 200, 1),
        Ratio("vacancy_rate", period, ScopeTypes.Partner, "sunrise-care", 6, 118, 1),
        Count("starters", period, ScopeTypes.Partner, "north-trust", 15, 1),
        Count("starters", period, ScopeTypes.Partner, "sunrise-care", 7, 1),
        Ratio("left_sector_share", period, ScopeTypes.Partner, "north-trust", 8, 16, 1),
        Suppressed("left_sector_share", period, ScopeTypes.Partner, "sunrise-care"),
        Ratio("vacancy_rate", period, ScopeTypes.Role, "registered_nurse", 10, 150, 1),
        Ratio("vacancy_rate", period, ScopeTypes.Role, "care_worker", 8, 168, 2),
        Count("starters", period, ScopeTypes.Role, "care_worker", 9, 2),
    ];

    private static IEnumerable<IngestionRecord> IngestionRecords()
    {
        yield return Record("north-trust", Datasets.Vacancies, "vacancies-jan.csv", IngestionStatus.Accepted, new DateTime(2026, 2, 3, 9, 0, 0), Latest);
        yield return Record("north-trust", Datasets.Exits, "leavers-jan.xlsx", IngestionStatus.AcceptedWithWarnings, new DateTime(2026, 2, 3, 9, 5, 0), Latest);
        yield return Record("north-trust", Datasets.Vacancies, "vacancies-jan.csv", IngestionStatus.Duplicate, new DateTime(2026, 2, 3, 11, 0, 0), Latest);
        yield return Record("north-trust", Datasets.Vacancies, "vacancies-dec.csv", IngestionStatus.Accepted, new DateTime(2026, 1, 5, 9, 0, 0), "2025-12");
        yield return Record("sunrise-care", Datasets.Vacancies, "sunrise-vacancies.csv", IngestionStatus.Refused, new DateTime(2026, 2, 1, 8, 0, 0), Latest);
        yield return Record("sunrise-care", Datasets.Vacancies, "sunrise-vacancies-fixed.csv", IngestionStatus.Accepted, new DateTime(2026, 2, 2, 8, 0, 0), Latest);
        yield return Record("sunrise-care", Datasets.Exits, "sunrise-exits.csv", IngestionStatus.Refused, new DateTime(2026, 2, 2, 8, 30, 0), Latest);
        yield return Record(NotSubmitted, Datasets.Vacancies, "council-dec.csv", IngestionStatus.Accepted, new DateTime(2026, 1, 9, 8, 0, 0), "2025-12");
    }

    private static IngestionRecord Record(string partner, string dataset, string file, string status, DateTime uploadedUtc, string period)
    {
        var uploadedAt = new DateTimeOffset(uploadedUtc, TimeSpan.Zero);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(partner + file + status)));
        var accepted = IngestionStatus.IsAccepted(status);
        return new IngestionRecord
        {
            Partner = partner,
            Dataset = dataset,
            FileName = file,
            LandingPath = LakePaths.LandingFile(partner, dataset, file),
            Sha256 = sha,
            Status = status,
            UploadedAt = uploadedAt,
            StartedAt = uploadedAt.AddSeconds(5),
            FinishedAt = uploadedAt.AddSeconds(9),
            RowsIn = 20,
            RowsAccepted = accepted ? 20 : 0,
            RowsRefused = accepted ? 0 : 20,
            Errors = status == IngestionStatus.Refused ? 3 : 0,
            Warnings = status == IngestionStatus.AcceptedWithWarnings ? 2 : 0,
            Periods = [period],
            Message = status == IngestionStatus.Refused ? "3 rows name a role that is not in the role taxonomy." : null,
        };
    }

    public Task InitializeAsync() => WriteAsync(CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Lake.Dispose();
}
