using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Core.Uploads;

namespace Pipeline.Functions.Http;

/// <summary>
/// <c>POST /api/uploads/{dataset}</c>: a partner user's file (the body, its name in <c>X-File-Name</c>)
/// streamed into landing/{partner}/{dataset}/{name}; the landing blob's event then starts
/// <c>IngestExtract</c>, exactly as for a file put there any other way. 202 with where to follow it.
/// </summary>
public sealed class PostUpload(PartnerUploads uploads)
{
    [Function(nameof(PostUpload))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "uploads/{dataset}")] HttpRequest request,
        string dataset,
        CancellationToken cancellationToken)
    {
        // The size limit is Pipeline:MaxFileBytes, counted while streaming; the server's own default is lower.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = null;
        }
        var upload = new UploadRequest(request.Headers[PartnerUploads.FileNameHeader].FirstOrDefault(), request.ContentLength, request.Body);
        return new ServingResult(await uploads.AnswerAsync(HttpCallers.Of(request), dataset, request.QueryParameters(), upload, cancellationToken));
    }
}
