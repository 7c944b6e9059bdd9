namespace Pipeline.Core.Serving;

public sealed record PartnerIngestionsReport(string Partner, string Name, IReadOnlyList<IngestionSummary> Ingestions);

/// <summary>
/// One upload as coordinators see it: the log's outcome and counts. The landing and raw
/// paths stay internal; the file's content is never served.
/// </summary>
/// <param name="ReprocessedAt">When <c>pipeline reprocess</c> (or <c>POST /api/reprocess</c>) last processed it again from raw; null if never.</param>
public sealed record IngestionSummary(
    string Dataset, string FileName, string Sha256, string Status,
    DateTime UploadedAt, DateTime FinishedAt, DateTime? ReprocessedAt,
    int RowsIn, int RowsAccepted, int RowsRefused, int Errors, int Warnings,
    IReadOnlyList<string> Periods, IReadOnlyList<string> SupersededPeriods,
    string? ReportPath, string? Message)
{
    public static IngestionSummary Of(IngestionRecord record) => new(
        record.Dataset, record.FileName, record.Sha256, record.Status,
        record.UploadedAt.UtcDateTime, record.FinishedAt.UtcDateTime, record.ReprocessedAt?.UtcDateTime,
        record.RowsIn, record.RowsAccepted, record.RowsRefused, record.Errors, record.Warnings,
        record.Periods, record.SupersededPeriods, record.ReportPath, record.Message);
}

/// <summary>One partner's ingestion log, newest upload first; coordinators only.</summary>
public sealed class PartnerIngestionsQuery(PartnerRegistry partners, IngestionLog log, ServingAccess access)
{
    public async Task<ServingResponse> AnswerAsync(Caller caller, string id, QueryParameters parameters, CancellationToken cancellationToken)
    {
        if (access.PartnerIngestions(caller, id).Refusal is { } refusal)
        {
            return refusal;
        }
        var errors = parameters.CheckNames([]);
        if (errors.Count > 0)
        {
            return ServingResponse.BadRequest(errors);
        }
        if (!PartnerIds.IsValid(id))
        {
            return ServingResponse.BadRequest([PartnerIds.NotAnId(id)]);
        }
        var partner = await partners.FindAsync(id, cancellationToken);
        if (partner is null)
        {
            return ServingResponse.NotFound($"No partner '{id}' is registered.");
        }
        var records = await log.ListAsync(partner.Id, cancellationToken);
        return ServingResponse.Json(new PartnerIngestionsReport(partner.Id, partner.Name, records.Select(IngestionSummary.Of).ToList()));
    }
}
