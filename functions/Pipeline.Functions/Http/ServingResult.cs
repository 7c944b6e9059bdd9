using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Pipeline.Functions.Http;

/// <summary>Writes a core <see cref="ServingResponse"/> onto the Functions host's ASP.NET Core response.</summary>
public sealed class ServingResult(ServingResponse response) : IActionResult
{
    public ServingResponse Response { get; } = response;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var http = context.HttpContext.Response;
        http.StatusCode = Response.StatusCode;
        http.ContentType = Response.ContentType;
        foreach (var (name, value) in Response.Headers)
        {
            http.Headers[name] = value;
        }
        await Response.WriteBodyAsync(http.Body, context.HttpContext.RequestAborted);
    }
}

public static class HttpRequestExtensions
{
    /// <summary>The query string as the core reads it: every value of every name, in order.</summary>
    public static QueryParameters QueryParameters(this HttpRequest request) =>
        new(request.Query.SelectMany(pair => pair.Value.Select(value => KeyValuePair.Create(pair.Key, value ?? ""))));
}
