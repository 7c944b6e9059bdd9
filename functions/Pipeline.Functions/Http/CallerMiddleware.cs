using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Pipeline.Functions.Http;

/// <summary>
/// Resolves who is calling an HTTP function before it runs, from the X-MS-CLIENT-PRINCIPAL
/// header App Service built-in authentication sets, and keeps it on the request for the
/// function (<see cref="HttpCallers.Of"/>). Other triggers pass through untouched.
/// </summary>
public sealed class CallerMiddleware(CallerResolver resolver) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } http)
        {
            await HttpCallers.AttachAsync(http, resolver, context.CancellationToken);
        }
        await next(context);
    }
}

/// <summary>Puts the resolved <see cref="Pipeline.Core.Access.Caller"/> on an HTTP request and reads it back.</summary>
public static class HttpCallers
{
    private static readonly object Key = typeof(Caller);

    public static async Task AttachAsync(HttpContext http, CallerResolver resolver, CancellationToken cancellationToken)
    {
        var principal = ClientPrincipal.Parse(http.Request.Headers[ClientPrincipal.HeaderName].ToString());
        http.Items[Key] = await resolver.ResolveAsync(principal, cancellationToken);
    }

    /// <summary>The caller the middleware resolved; no one when it has not run (fails closed).</summary>
    public static Caller Of(HttpRequest request) =>
        request.HttpContext.Items.TryGetValue(Key, out var caller) && caller is Caller resolved ? resolved : Caller.Anonymous;
}
