using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Pipeline.Functions.Http;

/// <summary>
/// The pages, which call the API with the sign-in cookie. Built-in authentication lets their paths
/// through signed out so that a browser can be sent to the Entra ID sign-in page and back, rather
/// than answered 401 like an API call.
/// </summary>
public sealed class WebPages(ServingAccess access)
{
    /// <summary><c>GET /api/dashboard</c>: the dashboard page.</summary>
    [Function(nameof(Dashboard))]
    public IActionResult Dashboard([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard")] HttpRequest request) =>
        Page(request, "dashboard", "/api/dashboard", DashboardPage.Answer);

    /// <summary><c>GET /api/upload</c>: the partners' upload page.</summary>
    [Function(nameof(UploadPage))]
    public IActionResult UploadPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "upload")] HttpRequest request) =>
        Page(request, "upload page", "/api/upload", Core.Uploads.UploadPage.Answer);

    private IActionResult Page(HttpRequest request, string name, string path, Func<ServingResponse> page) =>
        access.Page(HttpCallers.Of(request), name).Refusal switch
        {
            null => new ServingResult(page()),
            { StatusCode: StatusCodes.Status401Unauthorized } => new SignInRedirect(SignInRedirect.To(path)),
            var refusal => new ServingResult(refusal),
        };
}
