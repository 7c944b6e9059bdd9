using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Pipeline.Functions.Http;

namespace Pipeline.Functions.Tests.Http;

/// <summary>What a function's IActionResult wrote, read back as the client would see it.</summary>
public sealed record HttpAnswer(int Status, string? ContentType, IHeaderDictionary Headers, string Body);

public static class HttpFunctionHarness
{
    /// <summary>
    /// A GET request carrying <paramref name="principal"/> as the X-MS-CLIENT-PRINCIPAL header
    /// (none when null), with the caller resolved from it as the worker middleware does.
    /// </summary>
    public static async Task<HttpRequest> GetAsync(PartnerRegistry partners, string queryString, string? principal, string? accept = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.QueryString = new QueryString(queryString);
        if (accept is not null)
        {
            context.Request.Headers.Accept = accept;
        }
        if (principal is not null)
        {
            context.Request.Headers[ClientPrincipal.HeaderName] = principal;
        }
        context.Response.Body = new MemoryStream();
        await HttpCallers.AttachAsync(context, new CallerResolver(partners, new AccessOptions()), CancellationToken.None);
        return context.Request;
    }

    public static async Task<HttpAnswer> ExecuteAsync(IActionResult result, HttpRequest request)
    {
        var context = request.HttpContext;
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor()));
        var body = (MemoryStream)context.Response.Body;
        return new HttpAnswer(context.Response.StatusCode, context.Response.ContentType, context.Response.Headers,
            Encoding.UTF8.GetString(body.ToArray()));
    }
}
