using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Core.Uploads;

namespace Pipeline.Functions.Http;

/// <summary><c>GET /api/reports/{partner}/{dataset}/{file}</c>: one upload's validation report, JSON or <c>format=csv</c>; that partner's users and coordinators only.</summary>
public sealed class GetReport(ReportsQuery reports)
{
    [Function(nameof(GetReport))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports/{partner}/{dataset}/{file}")] HttpRequest request,
        string partner,
        string dataset,
        string file,
        CancellationToken cancellationToken) =>
        new ServingResult(await reports.AnswerAsync(HttpCallers.Of(request), partner, dataset, file, request.QueryParameters(), cancellationToken));
}
