using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Core.Serving;

namespace Pipeline.Functions.Http;

/// <summary><c>GET /api/indicators</c>: the success indicators the caller may see, as JSON, or CSV with <c>format=csv</c> or <c>Accept: text/csv</c>.</summary>
public sealed class GetIndicators(IndicatorsQuery indicators)
{
    [Function(nameof(GetIndicators))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "indicators")] HttpRequest request) =>
        new ServingResult(indicators.Answer(HttpCallers.Of(request), request.QueryParameters(), request.Headers.Accept.ToString()));
}
