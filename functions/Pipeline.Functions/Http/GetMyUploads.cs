using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Core.Uploads;

namespace Pipeline.Functions.Http;

/// <summary><c>GET /api/my/uploads</c>: the caller's partner's uploads, newest first, with status and report links (a coordinator: every partner's).</summary>
public sealed class GetMyUploads(MyUploadsQuery myUploads)
{
    [Function(nameof(GetMyUploads))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "my/uploads")] HttpRequest request,
        CancellationToken cancellationToken) =>
        new ServingResult(await myUploads.AnswerAsync(HttpCallers.Of(request), request.QueryParameters(), cancellationToken));
}
