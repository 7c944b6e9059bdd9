using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Functions.Http;

namespace Pipeline.Functions.Tests.Http;

/// <summary>
/// The serving test lake with its object store and the Function App's services over it (uploads left
/// to the blob trigger), a small size limit, and a way to run the blob trigger's ingestion on a landed file.
/// </summary>
public sealed class UploadTestLake : IAsyncLifetime, IDisposable
{
    public const long MaxFileBytes = 64 * 1024;

    public ServingTestLake Serving { get; } = ServingTestLake.With(options => options.MaxFileBytes = MaxFileBytes);
    public IObjectStore Objects => Serving.Lake.Objects;
    public ServiceProvider Services => Serving.Lake.Services;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A function class built from the app's services, as the worker builds it.</summary>
    public T Function<T>() => Serving.Lake.Function<T>();

    /// <summary>A one-row vacancy return for last month; a different site gives different bytes.</summary>
    public static string Vacancies(string role = "registered_nurse", string site = "Main")
    {
        var period = Period.Of(DateTimeOffset.UtcNow).AddMonths(-1);
        return "period,role,site,staff_in_post_fte,staff_in_post_headcount,vacancies_fte,vacancies_advertised,applications,starters,leavers\n"
            + $"{period},{role},{site},100,110,10,4,20,3,2\n";
    }

    /// <summary>A POST with the body, the X-File-Name header and the principal, its caller resolved as the worker middleware does.</summary>
    public async Task<HttpRequest> PostAsync(string? principal, string? fileName, byte[] body, string queryString = "", bool declareLength = true)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.QueryString = new QueryString(queryString);
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = declareLength ? body.Length : null;
        if (fileName is not null)
        {
            context.Request.Headers[PartnerUploads.FileNameHeader] = fileName;
        }
        if (principal is not null)
        {
            context.Request.Headers[ClientPrincipal.HeaderName] = principal;
        }
        context.Response.Body = new MemoryStream();
        await HttpCallers.AttachAsync(context, Get<CallerResolver>(), CancellationToken.None);
        return context.Request;
    }

    public Task<HttpRequest> PostAsync(string? principal, string? fileName, string body, string queryString = "") =>
        PostAsync(principal, fileName, Encoding.UTF8.GetBytes(body), queryString);

    /// <summary>What the blob trigger does with a landed file (IngestExtract), over the local lake.</summary>
    public async Task<IngestionRecord> TriggerAsync(string landingPath)
    {
        var info = await Objects.GetInfoAsync(landingPath, CancellationToken.None) ?? throw new FileNotFoundException(landingPath);
        await using var content = await Objects.OpenReadAsync(landingPath, CancellationToken.None);
        return await Get<IngestionService>().IngestAsync(landingPath, info.CreatedAt, content, CancellationToken.None);
    }

    /// <summary>Every file in a zone, as lake paths.</summary>
    public IReadOnlyList<string> Files(string zone)
    {
        var folder = Path.Combine(Serving.Root, zone);
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Serving.Root, f).Replace('\\', '/')).ToList()
            : [];
    }

    public Task InitializeAsync() => Serving.InitializeAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Serving.Dispose();
}
