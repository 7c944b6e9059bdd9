using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Core.Serving;

namespace Pipeline.Functions.Http;

/// <summary><c>GET /api/submissions?period=YYYY-MM</c>: who has and has not submitted for a month (a partner user: its own partner only).</summary>
public sealed class GetSubmissions(SubmissionsQuery submissions)
{
    [Function(nameof(GetSubmissions))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "submissions")] HttpRequest request,
        CancellationToken cancellationToken) =>
        new ServingResult(await submissions.AnswerAsync(HttpCallers.Of(request), request.QueryParameters(), cancellationToken));
}
