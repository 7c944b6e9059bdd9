namespace Pipeline.Core.Serving;

/// <summary>For one month, who has and has not submitted each dataset.</summary>
public sealed record SubmissionsReport(string? Period, IReadOnlyList<PartnerSubmissions> Partners);

public sealed record PartnerSubmissions(string Id, string Name, string Sector, bool Active, SubmissionStatus Vacancies, SubmissionStatus Exits);

/// <summary>
/// A partner's standing for one dataset and month, and every upload that led to it. The month's
/// data are those of the newest accepted upload, even when a later resubmission was refused (a
/// refused file changes nothing), so a partner counted by <c>submission_coverage</c> is always
/// <c>accepted</c> here.
/// </summary>
/// <param name="Status">accepted or accepted_with_warnings (that upload's rows count); refused (only refused uploads: nothing counts); none (nothing uploaded for the month).</param>
/// <param name="UploadedAt">Of the upload whose rows count; for refused, of the newest refused upload.</param>
/// <param name="Uploads">Every accepted or refused upload holding the month, newest first.</param>
public sealed record SubmissionStatus(string Status, DateTime? UploadedAt, string? FileName, string? Message, IReadOnlyList<MonthUpload> Uploads)
{
    public const string None = "none";

    public static readonly SubmissionStatus Missing = new(None, null, null, null, []);
}

/// <param name="InUse">Whether this upload's rows are the month's data now.</param>
public sealed record MonthUpload(string FileName, string Status, DateTime UploadedAt, bool InUse, string? Message);

/// <summary>
/// Builds the submissions view from the partner registry and the ingestion log: for each partner,
/// dataset and month, the uploads whose periods include the month and which of them is in use
/// (the newest accepted one, as the curated publisher decides); duplicates and system failures
/// are not submissions and are skipped. A partner user sees only its own partner's row.
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
        var errors = parameters.CheckNames(Parameters);
        var period = parameters.Month("period", errors);
        if (errors.Count > 0)
        {
            return ServingResponse.BadRequest(errors);
        }
        return ServingResponse.Json(await ReportAsync(period, decision, cancellationToken));
    }

    /// <param name="period">The month; null for the latest month any vacancy return covers.</param>
    /// <param name="decision">What the caller may see (<see cref="ServingAccess.Submissions"/>).</param>
    public async Task<SubmissionsReport> ReportAsync(Period? period, AccessDecision decision, CancellationToken cancellationToken)
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
        if (month is null)
        {
            return SubmissionStatus.Missing;
        }
        var forMonth = uploads.Where(record => record.Partner == partner && record.Dataset == dataset && record.Periods.Contains(month)).ToList();
        if (forMonth.Count == 0)
        {
            return SubmissionStatus.Missing;
        }
        var inUse = InUse(forMonth, month);
        var shown = inUse ?? forMonth[0];
        var history = forMonth.Select(record => new MonthUpload(record.FileName, record.Status, record.UploadedAt.UtcDateTime, ReferenceEquals(record, inUse), record.Message)).ToList();
        return new SubmissionStatus(shown.Status, shown.UploadedAt.UtcDateTime, shown.FileName, shown.Message, history);
    }

    /// <summary>
    /// The upload that owns the month's partition: the newest accepted one (by upload time, ties to
    /// the larger SHA-256, as <see cref="Ingestion.Publishing.CuratedPublisher"/> decides) that
    /// published the month rather than finding a newer owner already there.
    /// </summary>
    private static IngestionRecord? InUse(IEnumerable<IngestionRecord> forMonth, string month) =>
        forMonth.Where(record => IngestionStatus.IsAccepted(record.Status) && !record.SupersededPeriods.Contains(month))
            .OrderByDescending(record => record.UploadedAt)
            .ThenByDescending(record => record.Sha256, StringComparer.Ordinal)
            .FirstOrDefault();
}
