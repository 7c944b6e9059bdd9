using Pipeline.Core.Access;
using Pipeline.Core.Ingestion;
using Pipeline.Core.Lake;
using Pipeline.Core.Partners;

namespace Pipeline.Core.Serving;

/// <summary>For one month, who has and has not submitted each dataset.</summary>
public sealed record SubmissionsReport(string? Period, IReadOnlyList<PartnerSubmissions> Partners);

public sealed record PartnerSubmissions(string Id, string Name, string Sector, bool Active, SubmissionStatus Vacancies, SubmissionStatus Exits);

/// <param name="Status">accepted, accepted_with_warnings, refused, or none (nothing uploaded for the month).</param>
public sealed record SubmissionStatus(string Status, DateTime? UploadedAt, string? FileName, string? Message)
{
    public const string None = "none";

    public static readonly SubmissionStatus Missing = new(None, null, null, null);
}

/// <summary>
/// Builds the submissions view from the partner registry and the ingestion log. A partner's
/// status for a dataset is that of its newest upload (by upload time) whose periods include
/// the month; duplicates and system failures are not submissions and are skipped.
/// A partner user sees only its own partner's row.
/// </summary>
public sealed class SubmissionsQuery(PartnerRegistry partners, IngestionLog log, ServingAccess access)
{
    public static readonly IReadOnlyList<string> Parameters = ["period"];

    public async Task<ServingResponse> AnswerAsync(Caller caller, QueryParameters parameters, CancellationToken cancellationToken)
    {
        var decision = access.Submissions(caller);
        if (decision.Refusal is { } refusal)
        {
            return refusal;
        }
        var errors = new List<string>();
        var unknown = parameters.UnknownNames(Parameters);
        if (unknown.Count > 0)
        {
            errors.Add(QueryParameters.UnknownMessage(unknown, Parameters));
        }
        var period = parameters.Month("period", errors);
        if (errors.Count > 0)
        {
            return ServingResponse.BadRequest(errors);
        }
        return ServingResponse.Json(await ReportAsync(period, decision, cancellationToken));
    }

    /// <param name="period">The month; null for the latest month any vacancy return covers.</param>
    private async Task<SubmissionsReport> ReportAsync(Period? period, AccessDecision decision, CancellationToken cancellationToken)
    {
        var uploads = (await log.ListAsync(null, cancellationToken)).Where(IsSubmission).ToList();
        var month = period?.ToString() ?? LatestVacanciesPeriod(uploads);
        var registered = await partners.ListAsync(cancellationToken);
        var rows = registered.Where(partner => decision.MaySeePartner(partner.Id)).Select(partner => new PartnerSubmissions(
            partner.Id, partner.Name, partner.Sector, partner.Active,
            StatusOf(uploads, partner.Id, Datasets.Vacancies, month),
            StatusOf(uploads, partner.Id, Datasets.Exits, month))).ToList();
        return new SubmissionsReport(month, rows);
    }

    private static bool IsSubmission(IngestionRecord record) =>
        IngestionStatus.IsAccepted(record.Status) || record.Status == IngestionStatus.Refused;

    private static string? LatestVacanciesPeriod(IEnumerable<IngestionRecord> uploads) =>
        uploads.Where(record => record.Dataset == Datasets.Vacancies)
            .SelectMany(record => record.Periods)
            .Where(text => Period.TryParse(text, out _))
            .Max(StringComparer.Ordinal);

    /// <remarks><paramref name="uploads"/> is newest first, as the log lists it.</remarks>
    private static SubmissionStatus StatusOf(IEnumerable<IngestionRecord> uploads, string partner, string dataset, string? month)
    {
        var latest = month is null
            ? null
            : uploads.FirstOrDefault(record => record.Partner == partner && record.Dataset == dataset && record.Periods.Contains(month));
        return latest is null
            ? SubmissionStatus.Missing
            : new SubmissionStatus(latest.Status, latest.UploadedAt.UtcDateTime, latest.FileName, latest.Message);
    }
}
