using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace Pipeline.Functions.Middleware;

/// <summary>
/// The last word on a failure nobody handled. An HTTP function answers 500 with an RFC 9457
/// problem document carrying a correlation id (the invocation id, which the log line and the
/// host's telemetry also carry), never the exception's text. Any other trigger's failure is
/// logged and rethrown, so the host still retries it (and the queue still moves it to poison).
/// </summary>
public sealed class ExceptionHandlingMiddleware(ILogger<ExceptionHandlingMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public const string CorrelationHeader = "X-Correlation-Id";

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Function {Function} failed; correlation id {CorrelationId}", context.FunctionDefinition.Name, context.InvocationId);
            var http = context.GetHttpContext();
            if (http is null || http.Response.HasStarted || http.RequestAborted.IsCancellationRequested)
            {
                throw;
            }
            await WriteProblemAsync(http.Response, context.InvocationId, http.RequestAborted);
        }
    }

    /// <remarks>
    /// Written onto the response itself: the function threw, so there is no result for the
    /// host's HTTP proxying to execute, and what is written here is what the caller gets.
    /// </remarks>
    private static async Task WriteProblemAsync(HttpResponse response, string correlationId, CancellationToken cancellationToken)
    {
        response.Clear();
        response.StatusCode = StatusCodes.Status500InternalServerError;
        response.ContentType = ServingResponse.ProblemType;
        response.Headers[CorrelationHeader] = correlationId;
        response.Headers.XContentTypeOptions = "nosniff";
        var problem = new InternalErrorProblem(
            "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.1",
            "The pipeline failed to answer",
            StatusCodes.Status500InternalServerError,
            $"Something went wrong on our side. Quote correlation id {correlationId} when you report it.",
            correlationId);
        await JsonSerializer.SerializeAsync(response.Body, problem, ServingResponse.SnakeCase, cancellationToken);
    }

    private sealed record InternalErrorProblem(string Type, string Title, int Status, string Detail, string CorrelationId);
}
