using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Core.Serving;

namespace Pipeline.Functions.Http;

/// <summary><c>GET /api/dashboard</c>: the coordinators' page, which calls the API above with the same function key.</summary>
public sealed class Dashboard
{
    [Function(nameof(Dashboard))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Function, "get", Route = "dashboard")] HttpRequest request) =>
        new ServingResult(DashboardPage.Answer());
}
