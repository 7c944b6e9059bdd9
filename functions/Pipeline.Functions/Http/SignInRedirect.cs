using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Pipeline.Functions.Http;

/// <summary>
/// 302 to the Entra ID sign-in page and back to a page, for a browser that is not signed in;
/// written by hand so that it needs no MVC services. The address carries no key or token.
/// </summary>
public sealed class SignInRedirect(string location) : IActionResult
{
    public static string To(string page) => $"/.auth/login/aad?post_login_redirect_uri={page}";

    public Task ExecuteResultAsync(ActionContext context)
    {
        context.HttpContext.Response.StatusCode = StatusCodes.Status302Found;
        context.HttpContext.Response.Headers.Location = location;
        context.HttpContext.Response.Headers.CacheControl = "no-store";
        return Task.CompletedTask;
    }
}
