using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Core.Access;
using Pipeline.Core.Uploads;

namespace Pipeline.Functions.Http;

/// <summary>
/// <c>GET /api/upload</c>: the partners' upload page. Like the dashboard, built-in authentication lets
/// it through signed out so that a browser is sent to sign in and back here.
/// </summary>
public sealed class UploadPageFunction(ServingAccess access)
{
    public const string Name = "UploadPage";
    public static readonly string SignInPath = SignInRedirect.To("/api/upload");

    [Function(Name)]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "upload")] HttpRequest request) =>
        access.Page(HttpCallers.Of(request), "upload page").Refusal switch
        {
            null => new ServingResult(UploadPage.Answer()),
            { StatusCode: StatusCodes.Status401Unauthorized } => new SignInRedirect(SignInPath),
            var refusal => new ServingResult(refusal),
        };
}
