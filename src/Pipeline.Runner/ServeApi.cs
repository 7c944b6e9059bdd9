using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
    public const string UploadPagePath = "/api/upload";

    /// <param name="addPipeline">Registers the pipeline over the lake (<see cref="PipelineLakes.AddTo"/>), whose serving queries answer.</param>
    /// <param name="caller">Who every request is answered as (<c>pipeline serve --as</c>).</param>
    public static WebApplication Build(string urls, Caller caller, Action<IServiceCollection> addPipeline)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(urls);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        addPipeline(builder.Services);
        builder.Services.Replace(ServiceDescriptor.Singleton<IUploadProcessing, InProcessUploadProcessing>());

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
        app.MapGet("/upload", () => Results.Redirect(UploadPagePath));
        app.MapGet(UploadPagePath, (ServingAccess access) =>
            new ServingHttpResult(access.Page(caller, "upload page").Refusal ?? UploadPage.Answer()));
        app.MapPost("/api/uploads/{dataset}", async (string dataset, HttpRequest request, PartnerUploads uploads, CancellationToken cancellationToken) =>
        {
            // The size limit is Pipeline:MaxFileBytes, counted while streaming; Kestrel's own default (30 MB) is lower.
            if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
            {
                bodyLimit.MaxRequestBodySize = null;
            }
            var upload = new UploadRequest(request.Headers[PartnerUploads.FileNameHeader].FirstOrDefault(), request.ContentLength, request.Body, request.ContentType);
            return new ServingHttpResult(await uploads.AnswerAsync(caller, dataset, Parameters(request), upload, cancellationToken));
        });
        app.MapGet(PartnerUploads.UploadsPath, async (HttpRequest request, MyUploadsQuery myUploads, CancellationToken cancellationToken) =>
            new ServingHttpResult(await myUploads.AnswerAsync(caller, Parameters(request), cancellationToken)));
        app.MapGet("/api/reports/{partner}/{dataset}/{file}", async (string partner, string dataset, string file, HttpRequest request, ReportsQuery reports, CancellationToken cancellationToken) =>
            new ServingHttpResult(await reports.AnswerAsync(caller, partner, dataset, file, Parameters(request), cancellationToken)));
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
