using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Pipeline.Functions.Http;

/// <summary>
/// The HTTP API: each function hands the caller (resolved by <see cref="CallerMiddleware"/>) and the
/// request to one core query, which checks access and answers; <see cref="ServingResult"/> writes the answer.
/// </summary>
public sealed class ServingApi(
    IndicatorsQuery indicators,
    SubmissionsQuery submissions,
    PartnerIngestionsQuery ingestions,
    UnmappedQuery unmapped,
    MyUploadsQuery myUploads,
    ReportsQuery reports,
    ReprocessRequest reprocess,
    PartnerUploads uploads)
{
    /// <summary><c>GET /api/indicators</c>: the success indicators the caller may see, as JSON, or CSV with <c>format=csv</c> or <c>Accept: text/csv</c>.</summary>
    [Function(nameof(GetIndicators))]
    public IActionResult GetIndicators([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "indicators")] HttpRequest request) =>
        new ServingResult(indicators.Answer(HttpCallers.Of(request), request.QueryParameters(), request.Headers.Accept.ToString()));

    /// <summary><c>GET /api/submissions?period=YYYY-MM</c>: who has and has not submitted for a month (a partner user: its own partner only).</summary>
    [Function(nameof(GetSubmissions))]
    public async Task<IActionResult> GetSubmissions([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "submissions")] HttpRequest request, CancellationToken cancellationToken) =>
        new ServingResult(await submissions.AnswerAsync(HttpCallers.Of(request), request.QueryParameters(), cancellationToken));

    /// <summary><c>GET /api/partners/{id}/ingestions</c>: one partner's ingestion log, newest first; coordinators only.</summary>
    [Function(nameof(GetPartnerIngestions))]
    public async Task<IActionResult> GetPartnerIngestions([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "partners/{id}/ingestions")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        new ServingResult(await ingestions.AnswerAsync(HttpCallers.Of(request), id, request.QueryParameters(), cancellationToken));

    /// <summary><c>GET /api/unmapped</c>: the texts no alias or mapping knows, by partner, for coordinators to map.</summary>
    [Function(nameof(GetUnmapped))]
    public async Task<IActionResult> GetUnmapped([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "unmapped")] HttpRequest request, CancellationToken cancellationToken) =>
        new ServingResult(await unmapped.AnswerAsync(HttpCallers.Of(request), request.QueryParameters(), cancellationToken));

    /// <summary><c>GET /api/my/uploads</c>: the caller's partner's uploads, newest first, with status and report links (a coordinator: every partner's).</summary>
    [Function(nameof(GetMyUploads))]
    public async Task<IActionResult> GetMyUploads([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "my/uploads")] HttpRequest request, CancellationToken cancellationToken) =>
        new ServingResult(await myUploads.AnswerAsync(HttpCallers.Of(request), request.QueryParameters(), cancellationToken));

    /// <summary><c>GET /api/reports/{partner}/{dataset}/{file}</c>: one upload's validation report, JSON or <c>format=csv</c>; that partner's users and coordinators only.</summary>
    [Function(nameof(GetReport))]
    public async Task<IActionResult> GetReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports/{partner}/{dataset}/{file}")] HttpRequest request, string partner, string dataset, string file, CancellationToken cancellationToken) =>
        new ServingResult(await reports.AnswerAsync(HttpCallers.Of(request), partner, dataset, file, request.QueryParameters(), cancellationToken));

    /// <summary>
    /// <c>POST /api/reprocess?partner=ID&amp;dataset=DATASET</c>: every refused upload in scope processed
    /// again from raw with today's mappings, as <c>pipeline reprocess</c> does. Coordinators only.
    /// </summary>
    [Function(nameof(ReprocessUploads))]
    public async Task<IActionResult> ReprocessUploads([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "reprocess")] HttpRequest request, CancellationToken cancellationToken) =>
        new ServingResult(await reprocess.AnswerAsync(HttpCallers.Of(request), request.QueryParameters(), cancellationToken));

    /// <summary>
    /// <c>POST /api/uploads/{dataset}</c>: a partner user's file (the body, its name in <c>X-File-Name</c>)
    /// streamed into landing/{partner}/{dataset}/{name}; the landing blob's event then starts
    /// <c>IngestExtract</c>, exactly as for a file put there any other way. 202 with where to follow it.
    /// </summary>
    [Function(nameof(PostUpload))]
    public async Task<IActionResult> PostUpload([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "uploads/{dataset}")] HttpRequest request, string dataset, CancellationToken cancellationToken)
    {
        // The size limit is Pipeline:MaxFileBytes, counted while streaming; the server's own default is lower.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = null;
        }
        var upload = new UploadRequest(request.Headers[PartnerUploads.FileNameHeader].FirstOrDefault(), request.ContentLength, request.Body, request.ContentType);
        return new ServingResult(await uploads.AnswerAsync(HttpCallers.Of(request), dataset, request.QueryParameters(), upload, cancellationToken));
    }
}
