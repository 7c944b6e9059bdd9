using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Core.Access;
using Pipeline.Core.Serving;

namespace Pipeline.Functions.Http;

/// <summary>
/// <c>GET /api/dashboard</c>: the dashboard page, which calls the API with the sign-in cookie.
/// Built-in authentication lets this path through signed out so that a browser can be sent to
/// the Entra ID sign-in page and back here, rather than answered 401 like an API call.
/// </summary>
public sealed class Dashboard(ServingAccess access)
{
    public const string SignInPath = "/.auth/login/aad?post_login_redirect_uri=/api/dashboard";

    [Function(nameof(Dashboard))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard")] HttpRequest request) =>
        access.Page(HttpCallers.Of(request), "dashboard").Refusal switch
        {
            null => new ServingResult(DashboardPage.Answer()),
            { StatusCode: StatusCodes.Status401Unauthorized } => new SignInRedirect(SignInPath),
            var refusal => new ServingResult(refusal),
        };
}
