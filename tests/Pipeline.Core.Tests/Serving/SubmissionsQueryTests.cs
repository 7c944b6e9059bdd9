namespace Pipeline.Core.Tests.Serving;

/// <summary>The whole story of a partner-month: which upload's rows count, and every upload that led there.</summary>
public sealed class SubmissionsQueryTests : IDisposable
{
    private static readonly Period Month = new(2026, 1);
    private readonly TestLake _lake = new();

    public void Dispose() => _lake.Dispose();

    /// <summary>Acme's vacancies for the month after these uploads, as a coordinator sees them.</summary>
    private async Task<SubmissionStatus> VacanciesAfterAsync(params IngestionRecord[] uploads)
    {
        await _lake.AddPartnerAsync(new Partner("acme", "Acme Care", "care_provider", true));
        foreach (var upload in uploads)
        {
            await _lake.Log.SaveAsync(upload, CancellationToken.None);
        }
        return (await _lake.Get<SubmissionsQuery>().ReportAsync(Month, AccessDecision.Everything, CancellationToken.None)).Partners.Single().Vacancies;
    }

    /// <summary>After jan.csv on the 3rd and its resubmission jan-v2.csv on the 5th, processed in that order.</summary>
    private Task<SubmissionStatus> VacanciesAfterResubmissionAsync(string firstStatus, string resubmissionStatus) =>
        VacanciesAfterAsync(Upload("jan.csv", firstStatus, day: 3), Upload("jan-v2.csv", resubmissionStatus, day: 5));

    [Fact]
    public async Task Report_AcceptedThenRefusedResubmission_AcceptedDataStillCountAndTheRefusalIsListed()
    {
        var vacancies = await VacanciesAfterResubmissionAsync(IngestionStatus.Accepted, IngestionStatus.Refused);

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
        var vacancies = await VacanciesAfterResubmissionAsync(IngestionStatus.Refused, IngestionStatus.Refused);

        Assert.Equal(IngestionStatus.Refused, vacancies.Status);
        Assert.Equal("jan-v2.csv", vacancies.FileName);
        Assert.All(vacancies.Uploads, u => Assert.False(u.InUse));
    }

    [Fact]
    public async Task Report_NewerAcceptedProcessedFirst_OlderOneIsNotInUse()
    {
        var vacancies = await VacanciesAfterAsync(
            Upload("jan-v2.csv", IngestionStatus.AcceptedWithWarnings, day: 5),
            Upload("jan.csv", IngestionStatus.Accepted, day: 3) with { SupersededPeriods = [Month.ToString()] });

        Assert.Equal(IngestionStatus.AcceptedWithWarnings, vacancies.Status);
        Assert.Equal([true, false], vacancies.Uploads.Select(u => u.InUse));
    }

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
