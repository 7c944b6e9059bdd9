using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Core.Serving;

namespace Pipeline.Functions.Http;

/// <summary><c>GET /api/unmapped</c>: the texts no alias or mapping knows, by partner, for coordinators to map.</summary>
public sealed class GetUnmapped(UnmappedQuery unmapped)
{
    [Function(nameof(GetUnmapped))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "unmapped")] HttpRequest request,
        CancellationToken cancellationToken) =>
        new ServingResult(await unmapped.AnswerAsync(HttpCallers.Of(request), request.QueryParameters(), cancellationToken));
}
