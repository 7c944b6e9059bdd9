using Microsoft.AspNetCore.Http;
using Pipeline.Functions.Http;
using Pipeline.Functions.Tests.Http;
using static Pipeline.Functions.Tests.Http.HttpFunctionHarness;

namespace Pipeline.Functions.Tests.Http;

/// <summary>
/// The partners' upload functions invoked directly with an X-MS-CLIENT-PRINCIPAL header: who may
/// upload, list and read reports, the size limit while streaming, and the file name checks.
/// </summary>
public sealed class UploadFunctionsTests(UploadTestLake lake) : IClassFixture<UploadTestLake>
{
    private async Task<HttpAnswer> UploadAsync(HttpRequest request, string dataset = Datasets.Vacancies) =>
        await ExecuteAsync(await lake.Function<ServingApi>().PostUpload(request, dataset, default), request);

    private async Task<HttpAnswer> MyUploadsAsync(string? principal, string query = "")
    {
        var request = await GetAsync(lake.Serving.Partners, query, principal);
        return await ExecuteAsync(await lake.Function<ServingApi>().GetMyUploads(request, default), request);
    }

    private async Task<HttpAnswer> ReportAsync(string? principal, string partner, string dataset, string file, string query = "")
    {
        var request = await GetAsync(lake.Serving.Partners, query, principal);
        return await ExecuteAsync(await lake.Function<ServingApi>().GetReport(request, partner, dataset, file, default), request);
    }

    /// <summary>A north-trust user uploads a file; the blob trigger ingests it; returns its report's JSON link.</summary>
    private async Task<string> UploadAndIngestAsync(string fileName, string content)
    {
        var answer = await UploadAsync(await lake.PostAsync(Principals.NorthUser, fileName, content));
        Assert.Equal(202, answer.Status);
        await lake.TriggerAsync(LakePaths.LandingFile("north-trust", Datasets.Vacancies, fileName));
        using var list = JsonDocument.Parse((await MyUploadsAsync(Principals.NorthUser)).Body);
        return list.RootElement.GetProperty("uploads").EnumerateArray()
            .First(u => u.GetProperty("file_name").GetString() == fileName).GetProperty("report").GetString()!;
    }

    [Fact]
    public async Task Upload_PartnerUser_LandsInItsOwnFolderAnd202WithWhereToFollowIt()
    {
        var content = UploadTestLake.Vacancies();

        var answer = await UploadAsync(await lake.PostAsync(Principals.NorthUser, "north%20vacancies.csv", content));

        Assert.Equal(202, answer.Status);
        Assert.Equal("/api/my/uploads", answer.Headers.Location.ToString());
        using var receipt = JsonDocument.Parse(answer.Body);
        Assert.Equal("received", receipt.RootElement.GetProperty("status").GetString());
        Assert.Equal("north vacancies.csv", receipt.RootElement.GetProperty("file_name").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(content))), receipt.RootElement.GetProperty("sha256").GetString());
        Assert.Equal(content, await File.ReadAllTextAsync(Path.Combine(lake.Serving.Root, "landing", "north-trust", "vacancies", "north vacancies.csv")));
    }

    [Fact]
    public async Task Upload_MultipartForm_415SayingToSendTheBytesAndNothingLands()
    {
        var request = await lake.PostAsync(Principals.NorthUser, "as-form.csv", "--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n" + UploadTestLake.Vacancies() + "\r\n--x--\r\n");
        request.ContentType = "multipart/form-data; boundary=x";

        var answer = await UploadAsync(request);

        Assert.Equal(415, answer.Status);
        Assert.Contains("X-File-Name", answer.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(lake.Files("landing"), f => f.EndsWith("as-form.csv", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upload_NoOneSignedIn_401AndNothingLands()
    {
        var answer = await UploadAsync(await lake.PostAsync(null, "anon.csv", UploadTestLake.Vacancies()));

        Assert.Equal(401, answer.Status);
        Assert.DoesNotContain(lake.Files("landing"), f => f.EndsWith("anon.csv", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(nameof(Principals.Stranger), "", "not a coordinator and no partner lists you")]
    [InlineData(nameof(Principals.NorthUser), "?partner=sunrise-care", "north-trust only, not for sunrise-care")]
    [InlineData(nameof(Principals.Coordinator), "?partner=north-trust", "the partner's own users")]
    public async Task Upload_OutsideTheCallersOwnPartner_403AndNothingLands(string who, string query, string reason)
    {
        var answer = await UploadAsync(await lake.PostAsync(PrincipalOf(who), "refused-upload.csv", UploadTestLake.Vacancies(), query));

        Assert.Equal(403, answer.Status);
        Assert.Contains(reason, answer.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(lake.Files("landing"), f => f.EndsWith("refused-upload.csv", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Upload_OverTheSizeLimit_413AndNothingKept(bool declareLength)
    {
        var body = Encoding.UTF8.GetBytes(UploadTestLake.Vacancies() + new string('x', (int)UploadTestLake.MaxFileBytes));
        var name = $"too-big-{declareLength}.csv";

        var answer = await UploadAsync(await lake.PostAsync(Principals.NorthUser, name, body, declareLength: declareLength));

        Assert.Equal(413, answer.Status);
        Assert.Contains("Split the data into several files", answer.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(lake.Files("landing"), f => f.EndsWith(name, StringComparison.Ordinal));
        Assert.Empty(lake.Files(".tmp"));
    }

    [Theory]
    [InlineData("..%2F..%2Fsunrise-care%2Fvacancies%2Fx.csv", "not a file name")]
    [InlineData("folder\\x.csv", "not a file name")]
    [InlineData(".hidden.csv", "may not start with a dot")]
    [InlineData("report.exe", "not a CSV, XLSX or JSON file")]
    [InlineData(null, "X-File-Name")]
    public async Task Upload_NameThatIsNotOnePlainFileName_400(string? header, string reason)
    {
        var answer = await UploadAsync(await lake.PostAsync(Principals.NorthUser, header, UploadTestLake.Vacancies()));

        Assert.Equal(400, answer.Status);
        Assert.Contains(reason, answer.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(lake.Files("landing"), f => f.Contains("sunrise-care", StringComparison.Ordinal) || f.EndsWith(".exe", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upload_UnknownDataset_404()
    {
        Assert.Equal(404, (await UploadAsync(await lake.PostAsync(Principals.NorthUser, "x.csv", UploadTestLake.Vacancies()), "salaries")).Status);
    }

    [Fact]
    public async Task MyUploads_PartnerUser_OnlyItsOwnNewestFirstWithReportLinks()
    {
        await UploadAndIngestAsync("mine.csv", UploadTestLake.Vacancies(site: "Mine"));

        var answer = await MyUploadsAsync(Principals.Sunrise);
        var north = await MyUploadsAsync(Principals.NorthUser);

        Assert.Equal(200, answer.Status);
        using var document = JsonDocument.Parse(answer.Body);
        var uploads = document.RootElement.GetProperty("uploads").EnumerateArray().ToList();
        Assert.Equal("sunrise-care", document.RootElement.GetProperty("partner").GetString());
        Assert.Equal(3, uploads.Count);
        Assert.All(uploads, u => Assert.Equal("sunrise-care", u.GetProperty("partner").GetString()));
        var times = uploads.Select(u => u.GetProperty("uploaded_at").GetDateTime()).ToList();
        Assert.Equal(times.OrderDescending(), times);
        using var northDocument = JsonDocument.Parse(north.Body);
        var mine = northDocument.RootElement.GetProperty("uploads").EnumerateArray().First(u => u.GetProperty("file_name").GetString() == "mine.csv");
        Assert.Equal(IngestionStatus.Accepted, mine.GetProperty("status").GetString());
        Assert.StartsWith("/api/reports/north-trust/vacancies/mine.csv.", mine.GetProperty("report").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("?format=csv", mine.GetProperty("report_csv").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(northDocument.RootElement.GetProperty("uploads").EnumerateArray(), u => u.GetProperty("partner").GetString() != "north-trust");
    }

    [Fact]
    public async Task MyUploads_Coordinator_EveryPartnersUploads()
    {
        var answer = await MyUploadsAsync(Principals.Coordinator);

        using var document = JsonDocument.Parse(answer.Body);
        var partners = document.RootElement.GetProperty("uploads").EnumerateArray().Select(u => u.GetProperty("partner").GetString()).ToHashSet();
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("partner").ValueKind);
        Assert.Superset(new HashSet<string?> { "north-trust", "sunrise-care", ServingTestLake.NotSubmitted }, partners);
    }

    [Theory]
    [InlineData(null, 401)]
    [InlineData(nameof(Principals.Stranger), 403)]
    public async Task MyUploads_NoOneOrWithoutRole_Refused(string? who, int status)
    {
        Assert.Equal(status, (await MyUploadsAsync(who is null ? null : PrincipalOf(who))).Status);
    }

    [Fact]
    public async Task Report_OwnPartnerAndCoordinator_JsonAndCsvDownload()
    {
        var link = await UploadAndIngestAsync("with-errors.csv", UploadTestLake.Vacancies(role: "chief_wizard"));
        var file = Uri.UnescapeDataString(link.Split('/')[^1]);

        var json = await ReportAsync(Principals.NorthUser, "north-trust", Datasets.Vacancies, file);
        var csv = await ReportAsync(Principals.Coordinator, "north-trust", Datasets.Vacancies, file, "?format=csv");

        Assert.Equal(200, json.Status);
        using var report = JsonDocument.Parse(json.Body);
        Assert.Equal(IngestionStatus.Refused, report.RootElement.GetProperty("status").GetString());
        var issue = report.RootElement.GetProperty("issues").EnumerateArray().First(i => i.GetProperty("column").GetString() == "role");
        Assert.Equal(2, issue.GetProperty("row").GetInt32());
        Assert.Equal(200, csv.Status);
        Assert.StartsWith("text/csv", csv.ContentType);
        Assert.StartsWith("attachment;", csv.Headers.ContentDisposition.ToString());
        Assert.Contains("chief_wizard", csv.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 401)]
    [InlineData(nameof(Principals.Stranger), 403)]
    [InlineData(nameof(Principals.Sunrise), 403)]
    public async Task Report_AnotherPartnersOrNoOnes_Refused(string? who, int status)
    {
        var link = await UploadAndIngestAsync("private.csv", UploadTestLake.Vacancies());
        var file = Uri.UnescapeDataString(link.Split('/')[^1]);

        var answer = await ReportAsync(who is null ? null : PrincipalOf(who), "north-trust", Datasets.Vacancies, file);

        Assert.Equal(status, answer.Status);
        Assert.DoesNotContain("rows_in", answer.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-such-file.csv.00000000", "", 404)]
    [InlineData("x", "?format=xlsx", 400)]
    [InlineData("..", "", 400)]
    public async Task Report_MissingOrBadRequest(string file, string query, int status)
    {
        Assert.Equal(status, (await ReportAsync(Principals.NorthUser, "north-trust", Datasets.Vacancies, file, query)).Status);
    }

    [Fact]
    public async Task UploadPage_SignedOutGoesToSignInAndTheApiHasNoKeyOrTokenInAnyUrl()
    {
        var signedOut = await GetAsync(lake.Serving.Partners, "", null);
        var signedIn = await GetAsync(lake.Serving.Partners, "", Principals.NorthUser);
        var redirect = await ExecuteAsync(lake.Function<WebPages>().UploadPage(signedOut), signedOut);
        var page = await ExecuteAsync(lake.Function<WebPages>().UploadPage(signedIn), signedIn);
        var upload = await UploadAsync(await lake.PostAsync(Principals.NorthUser, "links.csv", UploadTestLake.Vacancies()));
        var list = await MyUploadsAsync(Principals.NorthUser);

        Assert.Equal("/.auth/login/aad?post_login_redirect_uri=/api/upload", redirect.Headers.Location.ToString());
        Assert.Equal(200, page.Status);
        Assert.StartsWith("text/html", page.ContentType);
        foreach (var text in new[] { redirect.Headers.Location.ToString(), page.Body, upload.Headers.Location.ToString(), upload.Body, list.Body })
        {
            Assert.DoesNotContain("code=", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("token", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("sig=", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("key=", text, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static string PrincipalOf(string who) => who switch
    {
        nameof(Principals.Coordinator) => Principals.Coordinator,
        nameof(Principals.NorthUser) => Principals.NorthUser,
        nameof(Principals.Sunrise) => Principals.Sunrise,
        _ => Principals.Stranger,
    };
}
