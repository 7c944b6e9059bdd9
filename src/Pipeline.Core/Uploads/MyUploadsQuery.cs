namespace Pipeline.Core.Uploads;

/// <param name="Partner">The partner user's partner; null for a coordinator, who sees every partner's uploads.</param>
/// <param name="MaxFileBytes">The size limit of one upload (<c>Pipeline:MaxFileBytes</c>), for the page to say.</param>
public sealed record MyUploadsReport(string? Partner, string? PartnerName, long MaxFileBytes, IReadOnlyList<UploadStatus> Uploads);

/// <summary>One upload as its partner sees it: the ingestion log's outcome and counts, and where its report is.</summary>
/// <param name="ReprocessedAt">When the coordinator had it processed again from raw (after adding a mapping); null if never.</param>
public sealed record UploadStatus(
    string Partner, string Dataset, string FileName, string Sha256, string Status,
    DateTime UploadedAt, DateTime FinishedAt, DateTime? ReprocessedAt,
    int RowsIn, int RowsAccepted, int RowsRefused, int Errors, int Warnings,
    IReadOnlyList<string> Periods, string? Message, string? Report, string? ReportCsv)
{
    public static UploadStatus Of(IngestionRecord record)
    {
        var links = ReportLinks.Of(record.ReportPath);
        return new UploadStatus(
            record.Partner, record.Dataset, record.FileName, record.Sha256, record.Status,
            record.UploadedAt.UtcDateTime, record.FinishedAt.UtcDateTime, record.ReprocessedAt?.UtcDateTime,
            record.RowsIn, record.RowsAccepted, record.RowsRefused, record.Errors, record.Warnings,
            record.Periods, record.Message, links?.Json, links?.Csv);
    }
}

/// <summary><c>GET /api/my/uploads</c>: the caller's partner's uploads (a coordinator's: every partner's), newest first, from the ingestion log.</summary>
public sealed class MyUploadsQuery(PartnerRegistry partners, IngestionLog log, ServingAccess access, PipelineOptions options)
{
    public async Task<ServingResponse> AnswerAsync(Caller caller, QueryParameters parameters, CancellationToken cancellationToken)
    {
        var decision = access.MyUploads(caller);
        if (decision.Refusal is { } refusal)
        {
            return refusal;
        }
        var errors = parameters.CheckNames([]);
        if (errors.Count > 0)
        {
            return ServingResponse.BadRequest(errors);
        }
        var records = await log.ListAsync(decision.OnlyPartner, cancellationToken);
        var name = decision.OnlyPartner is { } id ? (await partners.FindAsync(id, cancellationToken))?.Name : null;
        return ServingResponse.Json(new MyUploadsReport(decision.OnlyPartner, name, options.MaxFileBytes, records.Select(UploadStatus.Of).ToList()));
    }
}
