using Microsoft.Extensions.DependencyInjection;
using Pipeline.Integration.Tests.Bi;

namespace Pipeline.Integration.Tests.Serving;

/// <summary>
/// The submissions view and <c>submission_coverage</c> tell one story over the demo lake, whose
/// refused uploads include resubmissions refused after an accepted return.
/// </summary>
[Collection(DemoLakeCollection.Name)]
public sealed class SubmissionsCoverageTests(DemoLakeFixture demo)
{
    [Fact]
    public async Task Submissions_EveryDemoMonth_AcceptedActivePartnersAreTheCoverageNumerator()
    {
        await using var services = TestServices.Pipeline().AddLocalLake(demo.Root).BuildServiceProvider();
        var query = services.GetRequiredService<SubmissionsQuery>();
        var coverage = new List<IndicatorRow>();
        await foreach (var row in services.GetRequiredService<IndicatorStore>().ReadAsync(null, CancellationToken.None))
        {
            if (row.Indicator == "submission_coverage")
            {
                coverage.Add(row);
            }
        }

        Assert.True(coverage.Count >= 18, $"only {coverage.Count} months of coverage");
        var refusedAfterAccepted = 0;
        foreach (var month in coverage)
        {
            var report = await query.ReportAsync(Period.Parse(month.Period), AccessDecision.Everything, CancellationToken.None);
            var active = report.Partners.Where(p => p.Active).ToList();
            var accepted = active.Count(p => IngestionStatus.IsAccepted(p.Vacancies.Status));
            Assert.True(accepted == month.Numerator && active.Count == month.Denominator,
                $"{month.Period}: submissions say {accepted} of {active.Count}, coverage {month.Numerator} of {month.Denominator}");
            refusedAfterAccepted += report.Partners.Count(p =>
                p.Vacancies.Uploads.Count > 1 && p.Vacancies.Uploads[0].Status == IngestionStatus.Refused && p.Vacancies.Uploads.Any(u => u.InUse));
        }
        Assert.True(refusedAfterAccepted > 0, "the demo has no refused resubmission after an accepted return");
    }
}
