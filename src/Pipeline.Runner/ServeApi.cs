using Pipeline.Core.Access;
using Pipeline.Core.Serving;

namespace Pipeline.Runner;

/// <summary>
/// The HTTP API and dashboard on Kestrel, at the Function App's routes, answering through the
/// same core queries and access rules as the functions, for one caller fixed at start
/// (<c>pipeline serve --as</c>). Used by <c>pipeline serve</c> and by the tests.
/// </summary>
public static class ServeApi
{
    public const string DefaultUrls = "http://127.0.0.1:7071";
    public const string DashboardPath = "/api/dashboard";

    /// <param name="addPipeline">Registers the pipeline over the lake (<see cref="PipelineLakes.AddTo"/>), whose serving queries answer.</param>
    /// <param name="caller">Who every request is answered as (<c>pipeline serve --as</c>).</param>
    public static WebApplication Build(string urls, Caller caller, Action<IServiceCollection> addPipeline)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(urls);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        addPipeline(builder.Services);

        var app = builder.Build();
        app.MapGet("/", () => Results.Redirect(DashboardPath));
        app.MapGet(DashboardPath, (ServingAccess access) =>
            new ServingHttpResult(access.Page(caller, "dashboard").Refusal ?? DashboardPage.Answer()));
        app.MapGet("/api/indicators", (HttpRequest request, IndicatorsQuery indicators) =>
            new ServingHttpResult(indicators.Answer(caller, Parameters(request), request.Headers.Accept.ToString())));
        app.MapGet("/api/submissions", async (HttpRequest request, SubmissionsQuery submissions, CancellationToken cancellationToken) =>
            new ServingHttpResult(await submissions.AnswerAsync(caller, Parameters(request), cancellationToken)));
        app.MapGet("/api/partners/{id}/ingestions", async (string id, HttpRequest request, PartnerIngestionsQuery ingestions, CancellationToken cancellationToken) =>
            new ServingHttpResult(await ingestions.AnswerAsync(caller, id, Parameters(request), cancellationToken)));
        app.MapGet("/api/unmapped", async (HttpRequest request, UnmappedQuery unmapped, CancellationToken cancellationToken) =>
            new ServingHttpResult(await unmapped.AnswerAsync(caller, Parameters(request), cancellationToken)));
        return app;
    }

    private static QueryParameters Parameters(HttpRequest request) =>
        new(request.Query.SelectMany(pair => pair.Value.Select(value => KeyValuePair.Create(pair.Key, value ?? ""))));

    /// <summary>Writes a core <see cref="ServingResponse"/> onto the Kestrel response.</summary>
    private sealed class ServingHttpResult(ServingResponse response) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var http = httpContext.Response;
            http.StatusCode = response.StatusCode;
            http.ContentType = response.ContentType;
            foreach (var (name, value) in response.Headers)
            {
                http.Headers[name] = value;
            }
            await response.WriteBodyAsync(http.Body, httpContext.RequestAborted);
        }
    }
}
