using Pipeline.Core.Indicators;
using Pipeline.Core.Ingestion;
using Pipeline.Core.Mappings;
using Pipeline.Core.Partners;
using Pipeline.Core.Serving;
using Pipeline.Core.Storage;

namespace Pipeline.Runner;

/// <summary>
/// The HTTP API and dashboard on Kestrel, at the Function App's routes, answering through the
/// same core queries as the functions. Used by <c>pipeline serve</c> and by the tests.
/// </summary>
public static class ServeApi
{
    public const string DefaultUrls = "http://127.0.0.1:7071";
    public const string DashboardPath = "/api/dashboard";

    public static WebApplication Build(ITableStore tables, string urls)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(urls);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(tables);
        builder.Services.AddSingleton<IndicatorStore>();
        builder.Services.AddSingleton<IngestionLog>();
        builder.Services.AddSingleton<PartnerRegistry>();
        builder.Services.AddSingleton<IndicatorsQuery>();
        builder.Services.AddSingleton<SubmissionsQuery>();
        builder.Services.AddSingleton<PartnerIngestionsQuery>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<MappingStore>();
        builder.Services.AddSingleton<UnmappedLog>();
        builder.Services.AddSingleton<UnmappedQuery>();

        var app = builder.Build();
        app.MapGet("/", () => Results.Redirect(DashboardPath));
        app.MapGet(DashboardPath, () => new ServingHttpResult(DashboardPage.Answer()));
        app.MapGet("/api/indicators", (HttpRequest request, IndicatorsQuery indicators) =>
            new ServingHttpResult(indicators.Answer(Parameters(request), request.Headers.Accept.ToString())));
        app.MapGet("/api/submissions", async (HttpRequest request, SubmissionsQuery submissions, CancellationToken cancellationToken) =>
            new ServingHttpResult(await submissions.AnswerAsync(Parameters(request), cancellationToken)));
        app.MapGet("/api/partners/{id}/ingestions", async (string id, HttpRequest request, PartnerIngestionsQuery ingestions, CancellationToken cancellationToken) =>
            new ServingHttpResult(await ingestions.AnswerAsync(id, Parameters(request), cancellationToken)));
        app.MapGet("/api/unmapped", async (HttpRequest request, UnmappedQuery unmapped, CancellationToken cancellationToken) =>
            new ServingHttpResult(await unmapped.AnswerAsync(Parameters(request), cancellationToken)));
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
