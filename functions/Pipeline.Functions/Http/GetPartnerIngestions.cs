using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Core.Serving;

namespace Pipeline.Functions.Http;

/// <summary><c>GET /api/partners/{id}/ingestions</c>: one partner's ingestion log, newest first; coordinators only.</summary>
public sealed class GetPartnerIngestions(PartnerIngestionsQuery ingestions)
{
    [Function(nameof(GetPartnerIngestions))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "partners/{id}/ingestions")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        new ServingResult(await ingestions.AnswerAsync(HttpCallers.Of(request), id, request.QueryParameters(), cancellationToken));
}
