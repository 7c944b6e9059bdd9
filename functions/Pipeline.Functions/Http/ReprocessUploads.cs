using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Core.Serving;

namespace Pipeline.Functions.Http;

/// <summary>
/// <c>POST /api/reprocess?partner=ID&amp;dataset=DATASET</c>: every refused upload in scope processed
/// again from raw with today's mappings, as <c>pipeline reprocess</c> does. Coordinators only.
/// </summary>
public sealed class ReprocessUploads(ReprocessRequest reprocess)
{
    [Function(nameof(ReprocessUploads))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "reprocess")] HttpRequest request,
        CancellationToken cancellationToken) =>
        new ServingResult(await reprocess.AnswerAsync(HttpCallers.Of(request), request.QueryParameters(), cancellationToken));
}
