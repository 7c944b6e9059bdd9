using System.Net;

namespace Pipeline.Integration.Tests.Serving;

/// <summary>The HTTP API of <c>pipeline serve</c>, called over loopback with a real HttpClient.</summary>
[Collection(ServeCollection.Name)]
public sealed class ServeApiTests(ServeFixture serve)
{
    private HttpClient Client => serve.Client;

    [Fact]
    public void Serve_Started_PrintsWhereToOpenTheDashboard()
    {
        Assert.Contains(serve.Output, line => line.Contains(serve.BaseAddress.ToString().TrimEnd('/') + "/api/dashboard", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetIndicators_ScopeTypeFilter_ReturnsJsonRowsOfThatScopeType()
    {
        using var response = await Client.GetAsync("api/indicators?period=2026-01&scope_type=role");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var scopes = document.RootElement.EnumerateArray().Select(r => (r.GetProperty("indicator").GetString(), r.GetProperty("scope").GetString())).ToHashSet();
        var expected = serve.Lake.Written[ServingTestLake.Latest].Where(r => r.ScopeType == ScopeTypes.Role).Select(r => ((string?)r.Indicator, (string?)r.Scope)).ToHashSet();
        Assert.Equal(expected, scopes);
    }

    [Fact]
    public async Task GetUnmapped_LakeWithNoUnknownTexts_ReturnsAnEmptyList()
    {
        using var response = await Client.GetAsync("api/unmapped?kind=role");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(0, document.RootElement.GetProperty("unmapped").GetArrayLength());
    }

    [Fact]
    public async Task GetUnmapped_UnknownKind_Returns400()
    {
        using var response = await Client.GetAsync("api/unmapped?kind=grade");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("kind must be role, reason, destination", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GetIndicators_FormatCsv_ReturnsCsvAttachment()
    {
        using var response = await Client.GetAsync("api/indicators?from=2025-12&to=2026-01&indicator=starters&scope_type=partnership&format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("indicators-2025-12-to-2026-01.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var starters = serve.Lake.Written["2025-12"].Single(r => r.Indicator == "starters").Value;
        Assert.Equal(3, lines.Length);
        Assert.Equal($"starters,2025-12,partnership,all,{starters},{starters},,false,2,2026-02-04T03:30:00Z", lines[1]);
    }

    [Fact]
    public async Task GetIndicators_FormatXlsx_ReturnsAWorkbook()
    {
        using var response = await Client.GetAsync("api/indicators?scope_type=partnership&format=xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var rows = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Count();
        Assert.Equal(1 + serve.Lake.Written.Values.Sum(period => period.Count(r => r.ScopeType == ScopeTypes.Partnership)), rows);
    }

    [Fact]
    public async Task GetIndicators_AcceptTextCsv_ReturnsCsv()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/indicators?period=2026-01");
        request.Headers.Accept.ParseAdd("text/csv");
        using var response = await Client.SendAsync(request);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("api/indicators?period=2026-1", "period must be a month written YYYY-MM")]
    [InlineData("api/indicators?from=2026-02&to=2025-02", "from (2026-02) is after to (2025-02)")]
    [InlineData("api/indicators?scope_type=region", "scope_type 'region' is not one of")]
    [InlineData("api/indicators?month=2026-01", "Unknown parameter: month.")]
    [InlineData("api/submissions?period=last", "period must be a month written YYYY-MM")]
    [InlineData("api/partners/Bad_Id/ingestions", "'Bad_Id' is not a partner id")]
    public async Task Api_BadParameter_Returns400ProblemDetails(string url, string message)
    {
        using var response = await Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(document.RootElement.GetProperty("errors").EnumerateArray(), e => e.GetString()!.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetIndicators_FormulaScope_IsNeutralisedInCsv()
    {
        await serve.Lake.ReplaceAsync("2023-03", [ServingTestLake.Count("starters", "2023-03", ScopeTypes.Role, "=1+2", 4, 1)], CancellationToken.None);

        var csv = await Client.GetStringAsync("api/indicators?period=2023-03&format=csv");

        Assert.Contains("\r\nstarters,2023-03,role,'=1+2,4,4,,false,1,", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSubmissions_LatestMonth_ListsPartnerThatHasNotSubmitted()
    {
        using var document = JsonDocument.Parse(await Client.GetStringAsync("api/submissions"));

        Assert.Equal(ServingTestLake.Latest, document.RootElement.GetProperty("period").GetString());
        var council = document.RootElement.GetProperty("partners").EnumerateArray().Single(p => p.GetProperty("id").GetString() == ServingTestLake.NotSubmitted);
        Assert.Equal("none", council.GetProperty("vacancies").GetProperty("status").GetString());
        Assert.Equal("none", council.GetProperty("exits").GetProperty("status").GetString());
    }

    [Fact]
    public async Task GetPartnerIngestions_OnePartner_ReturnsOnlyThatPartnersUploads()
    {
        using var document = JsonDocument.Parse(await Client.GetStringAsync("api/partners/sunrise-care/ingestions"));

        var files = document.RootElement.GetProperty("ingestions").EnumerateArray().Select(i => i.GetProperty("file_name").GetString()).ToList();
        Assert.Equal(["sunrise-exits.csv", "sunrise-vacancies-fixed.csv", "sunrise-vacancies.csv"], files);
    }

    [Fact]
    public async Task GetPartnerIngestions_UnknownPartner_Returns404()
    {
        using var response = await Client.GetAsync("api/partners/no-such-partner/ingestions");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Root_Get_RedirectsToDashboard()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = serve.BaseAddress };
        using var response = await client.GetAsync("");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/api/dashboard", response.Headers.Location?.ToString());
    }
}
