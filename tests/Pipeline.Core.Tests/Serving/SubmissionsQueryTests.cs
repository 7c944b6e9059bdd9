using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Core.Access;
using Pipeline.Core.Ingestion;
using Pipeline.Core.Lake;
using Pipeline.Core.Partners;
using Pipeline.Core.Serving;
using Pipeline.Core.Storage.Local;

namespace Pipeline.Core.Tests.Serving;

/// <summary>The whole story of a partner-month: which upload's rows count, and every upload that led there.</summary>
public sealed class SubmissionsQueryTests : IDisposable
{
    private static readonly Period Month = new(2026, 1);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "submissions-" + Guid.NewGuid().ToString("N"));
    private readonly PartnerRegistry _partners;
    private readonly IngestionLog _log;

    public SubmissionsQueryTests()
    {
        var tables = new SqliteTableStore(_root);
        _partners = new PartnerRegistry(tables);
        _log = new IngestionLog(tables);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Report_AcceptedThenRefusedResubmission_AcceptedDataStillCountAndTheRefusalIsListed()
    {
        await _partners.SaveAsync(new Partner("acme", "Acme Care", "care_provider", true), CancellationToken.None);
        await _log.SaveAsync(Upload("jan.csv", IngestionStatus.Accepted, day: 3), CancellationToken.None);
        await _log.SaveAsync(Upload("jan-v2.csv", IngestionStatus.Refused, day: 5), CancellationToken.None);

        var vacancies = (await Query().ReportAsync(Month, AccessDecision.Everything, CancellationToken.None)).Partners.Single().Vacancies;

        Assert.Equal(IngestionStatus.Accepted, vacancies.Status);
        Assert.Equal("jan.csv", vacancies.FileName);
        Assert.Equal(new DateTime(2026, 2, 3, 9, 0, 0, DateTimeKind.Utc), vacancies.UploadedAt);
        Assert.Equal([("jan-v2.csv", IngestionStatus.Refused, false), ("jan.csv", IngestionStatus.Accepted, true)],
            vacancies.Uploads.Select(u => (u.FileName, u.Status, u.InUse)));
        Assert.Equal("Not a role.", vacancies.Uploads[0].Message);
    }

    [Fact]
    public async Task Report_OnlyRefusedUploads_RefusedWithTheNewestAndNothingInUse()
    {
        await _partners.SaveAsync(new Partner("acme", "Acme Care", "care_provider", true), CancellationToken.None);
        await _log.SaveAsync(Upload("jan.csv", IngestionStatus.Refused, day: 3), CancellationToken.None);
        await _log.SaveAsync(Upload("jan-v2.csv", IngestionStatus.Refused, day: 5), CancellationToken.None);

        var vacancies = (await Query().ReportAsync(Month, AccessDecision.Everything, CancellationToken.None)).Partners.Single().Vacancies;

        Assert.Equal(IngestionStatus.Refused, vacancies.Status);
        Assert.Equal("jan-v2.csv", vacancies.FileName);
        Assert.All(vacancies.Uploads, u => Assert.False(u.InUse));
    }

    [Fact]
    public async Task Report_NewerAcceptedProcessedFirst_OlderOneIsNotInUse()
    {
        await _partners.SaveAsync(new Partner("acme", "Acme Care", "care_provider", true), CancellationToken.None);
        await _log.SaveAsync(Upload("jan-v2.csv", IngestionStatus.AcceptedWithWarnings, day: 5), CancellationToken.None);
        await _log.SaveAsync(Upload("jan.csv", IngestionStatus.Accepted, day: 3) with { SupersededPeriods = [Month.ToString()] }, CancellationToken.None);

        var vacancies = (await Query().ReportAsync(Month, AccessDecision.Everything, CancellationToken.None)).Partners.Single().Vacancies;

        Assert.Equal(IngestionStatus.AcceptedWithWarnings, vacancies.Status);
        Assert.Equal([true, false], vacancies.Uploads.Select(u => u.InUse));
    }

    private SubmissionsQuery Query() => new(_partners, _log, new ServingAccess(NullLogger<ServingAccess>.Instance));

    private static IngestionRecord Upload(string file, string status, int day)
    {
        var uploadedAt = new DateTimeOffset(2026, 2, day, 9, 0, 0, TimeSpan.Zero);
        return new IngestionRecord
        {
            Partner = "acme",
            Dataset = Datasets.Vacancies,
            FileName = file,
            LandingPath = LakePaths.LandingFile("acme", Datasets.Vacancies, file),
            Sha256 = Hashing.Sha256Hex(file),
            Status = status,
            UploadedAt = uploadedAt,
            StartedAt = uploadedAt,
            FinishedAt = uploadedAt.AddSeconds(3),
            Periods = [Month.ToString()],
            Message = status == IngestionStatus.Refused ? "Not a role." : null,
        };
    }
}
