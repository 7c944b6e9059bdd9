using System.Net;
using System.Net.Http.Headers;

namespace Pipeline.Integration.Tests.Uploads;

/// <summary>
/// The partners' upload API through <c>pipeline serve --as ...</c> on loopback: the same access
/// rules as the functions, and an upload ingested in process before the 202.
/// </summary>
[Collection(UploadServeCollection.Name)]
public sealed class ServeUploadTests(UploadServeFixture serve)
{
    public static string Vacancies(string site, string role = "registered_nurse") =>
        "period,role,site,staff_in_post_fte,staff_in_post_headcount,vacancies_fte,vacancies_advertised,applications,starters,leavers\n"
        + $"{Period.Of(DateTimeOffset.UtcNow).AddMonths(-1)},{role},{site},100,110,10,4,20,3,2\n";

    /// <summary>A vacancy upload as the page sends it: the file is the body, its name in X-File-Name.</summary>
    public static HttpRequestMessage UploadRequest(HttpContent body, string fileName, string query = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/uploads/vacancies" + query) { Content = body };
        request.Headers.Add("X-File-Name", Uri.EscapeDataString(fileName));
        return request;
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string fileName, string content, string query = "")
    {
        using var body = new StringContent(content, Encoding.UTF8);
        body.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var request = UploadRequest(body, fileName, query);
        return await client.SendAsync(request);
    }

    [Theory]
    [InlineData("POST", "api/uploads/vacancies")]
    [InlineData("GET", "api/my/uploads")]
    [InlineData("GET", "api/reports/north-trust/vacancies/x.csv.00000000")]
    [InlineData("GET", "api/upload")]
    public async Task Anonymous_EveryUploadEndpoint_401(string method, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method == "POST")
        {
            request.Content = new StringContent(Vacancies("Anon"));
            request.Headers.Add("X-File-Name", "anon.csv");
        }

        using var response = await serve.Anonymous.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(File.Exists(Path.Combine(serve.Lake.Root, "landing", "north-trust", "vacancies", "anon.csv")));
    }

    [Fact]
    public async Task PartnerUser_Upload_IngestedInProcessWith202TheOutcomeAndItsReport()
    {
        using var response = await PostAsync(serve.Partner.Client, "serve-upload.csv", Vacancies("Serve"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("/api/my/uploads", response.Headers.Location?.ToString());
        using var receipt = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("accepted", receipt.RootElement.GetProperty("status").GetString());
        var report = receipt.RootElement.GetProperty("report").GetString()!;
        using var reportResponse = await serve.Partner.Client.GetAsync(report.TrimStart('/'));
        Assert.Equal(HttpStatusCode.OK, reportResponse.StatusCode);
        using var csv = await serve.Partner.Client.GetAsync(receipt.RootElement.GetProperty("report_csv").GetString()!.TrimStart('/'));
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        using var coordinatorsCopy = await serve.Coordinator.Client.GetAsync(report.TrimStart('/'));
        Assert.Equal(HttpStatusCode.OK, coordinatorsCopy.StatusCode);
    }

    [Fact]
    public async Task PartnerUser_FileSentAsMultipartForm_415AndNothingLands()
    {
        using var form = new MultipartFormDataContent { { new StringContent(Vacancies("Form")), "file", "as-form.csv" } };
        using var request = UploadRequest(form, "as-form.csv");

        using var response = await serve.Partner.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.False(File.Exists(Path.Combine(serve.Lake.Root, "landing", "north-trust", "vacancies", "as-form.csv")));
    }

    [Fact]
    public async Task PartnerUser_AnotherPartnersUploadOrReport_403()
    {
        using var upload = await PostAsync(serve.Partner.Client, "for-sunrise.csv", Vacancies("Elsewhere"), "?partner=sunrise-care");
        using var report = await serve.Partner.Client.GetAsync("api/reports/sunrise-care/vacancies/sunrise-vacancies.csv.00000000");

        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, report.StatusCode);
        Assert.False(Directory.Exists(Path.Combine(serve.Lake.Root, "landing", "sunrise-care")));
    }

    [Fact]
    public async Task MyUploads_PartnerUserItsOwnOnly_CoordinatorEveryPartners()
    {
        using var mine = JsonDocument.Parse(await serve.Partner.Client.GetStringAsync("api/my/uploads"));
        using var all = JsonDocument.Parse(await serve.Coordinator.Client.GetStringAsync("api/my/uploads"));

        var minePartners = mine.RootElement.GetProperty("uploads").EnumerateArray().Select(u => u.GetProperty("partner").GetString()).ToHashSet();
        var allPartners = all.RootElement.GetProperty("uploads").EnumerateArray().Select(u => u.GetProperty("partner").GetString()).ToHashSet();
        Assert.Equal(["north-trust"], minePartners);
        Assert.Superset(new HashSet<string?> { "north-trust", "sunrise-care" }, allPartners);
    }

    [Fact]
    public async Task Coordinator_Upload_403ThePartnersOwnUsersUpload()
    {
        using var response = await PostAsync(serve.Coordinator.Client, "by-coordinator.csv", Vacancies("Coordinator"), "?partner=north-trust");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("partner's own users", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadPage_ServedAndTheShortAddressRedirectsWithoutKeyOrToken()
    {
        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = serve.Partner.BaseAddress };
        using var redirect = await noRedirect.GetAsync("upload");
        var page = await serve.Partner.Client.GetStringAsync("api/upload");

        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/api/upload", redirect.Headers.Location?.ToString());
        Assert.Contains("<form", page, StringComparison.Ordinal);
        Assert.DoesNotContain("code=", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("token", page, StringComparison.OrdinalIgnoreCase);
    }
}
