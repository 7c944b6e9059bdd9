using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Extensions.Logging.Abstractions;
using Cell = DocumentFormat.OpenXml.Spreadsheet.Cell;
using Pipeline.Functions.Http;
using static Pipeline.Functions.Tests.Http.HttpFunctionHarness;

namespace Pipeline.Functions.Tests.Http;

public sealed class HttpFunctionsTests(ServingTestLake lake) : IClassFixture<ServingTestLake>
{
    private readonly ServingTestLake _lake = lake;

    private ServingApi Api => _lake.Lake.Function<ServingApi>();

    /// <summary>These tests are about what is served: they ask as a coordinator, who sees everything.</summary>
    private Task<Microsoft.AspNetCore.Http.HttpRequest> Get(string query, string? accept = null) =>
        GetAsync(_lake.Partners, query, Principals.Coordinator, accept);

    private async Task<HttpAnswer> GetIndicatorsAsync(string query, string? accept = null)
    {
        var request = await Get(query, accept);
        return await ExecuteAsync(Api.GetIndicators(request), request);
    }

    [Fact]
    public async Task GetIndicators_PeriodAndScopeType_ReturnsOnlyMatchingRowsAsJson()
    {
        var answer = await GetIndicatorsAsync("?period=2026-01&scope_type=partner");

        Assert.Equal(200, answer.Status);
        Assert.StartsWith("application/json", answer.ContentType);
        var expected = _lake.Written[ServingTestLake.Latest].Where(r => r.ScopeType == ScopeTypes.Partner).ToList();
        using var document = JsonDocument.Parse(answer.Body);
        var rows = document.RootElement.EnumerateArray().ToList();
        Assert.Equal(expected.Count, rows.Count);
        Assert.All(rows, row =>
        {
            Assert.Equal("2026-01", row.GetProperty("period").GetString());
            Assert.Equal("partner", row.GetProperty("scope_type").GetString());
        });
        var north = rows.Single(r => r.GetProperty("indicator").GetString() == "vacancy_rate" && r.GetProperty("scope").GetString() == "north-trust");
        Assert.Equal(12.0 / 200, north.GetProperty("value").GetDouble(), 12);
        Assert.Equal(12, north.GetProperty("numerator").GetDouble());
        Assert.Equal(200, north.GetProperty("denominator").GetDouble());
        Assert.Equal("2026-02-04T03:30:00Z", north.GetProperty("computed_at").GetString());
    }

    [Fact]
    public async Task GetIndicators_SuppressedAndCountRows_KeepNullsInJson()
    {
        var answer = await GetIndicatorsAsync("?period=2026-01&indicator=left_sector_share&scope=sunrise-care");

        using var document = JsonDocument.Parse(answer.Body);
        var row = Assert.Single(document.RootElement.EnumerateArray().ToList());
        Assert.True(row.GetProperty("suppressed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("value").ValueKind);
        Assert.Equal(JsonValueKind.Null, row.GetProperty("numerator").ValueKind);
        Assert.Equal(JsonValueKind.Null, row.GetProperty("denominator").ValueKind);
    }

    [Fact]
    public async Task GetIndicators_FromTo_ReturnsOnlyMonthsInRange()
    {
        var answer = await GetIndicatorsAsync("?from=2025-10&to=2025-12&indicator=vacancy_rate");

        using var document = JsonDocument.Parse(answer.Body);
        var periods = document.RootElement.EnumerateArray().Select(r => r.GetProperty("period").GetString()).ToList();
        Assert.Equal(["2025-10", "2025-11", "2025-12"], periods);
    }

    [Fact]
    public async Task GetIndicators_FormatCsv_ReturnsSpecColumnsAsAttachment()
    {
        var answer = await GetIndicatorsAsync("?period=2026-01&indicator=vacancy_rate&scope=north-trust&format=csv");

        Assert.Equal(200, answer.Status);
        Assert.StartsWith("text/csv", answer.ContentType);
        Assert.Equal("attachment; filename=\"indicators-2026-01.csv\"", answer.Headers.ContentDisposition.ToString());
        var lines = answer.Body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("indicator,period,scope_type,scope,value,numerator,denominator,suppressed,partners_reporting,computed_at", lines[0]);
        Assert.Equal("vacancy_rate,2026-01,partner,north-trust,0.06,12,200,false,1,2026-02-04T03:30:00Z", lines[1]);
        Assert.Equal(2, lines.Length);
    }

    [Fact]
    public async Task GetIndicators_AcceptTextCsv_ReturnsCsv()
    {
        var answer = await GetIndicatorsAsync("?period=2026-01", accept: "text/csv");

        Assert.StartsWith("text/csv", answer.ContentType);
        Assert.StartsWith("indicator,period,", answer.Body);
    }

    [Fact]
    public async Task GetIndicators_FormatXlsx_ReturnsWorkbookWithTypedCells()
    {
        var request = await Get("?period=2026-01&indicator=vacancy_rate&scope=north-trust&format=xlsx");
        var answer = await ExecuteAsync(Api.GetIndicators(request), request);

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", answer.ContentType);
        Assert.Equal("attachment; filename=\"indicators-2026-01.xlsx\"", answer.Headers.ContentDisposition.ToString());
        using var workbook = SpreadsheetDocument.Open(new MemoryStream(((MemoryStream)request.HttpContext.Response.Body).ToArray()), false);
        var rows = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(IndicatorRow.Schema.Names, rows[0].Elements<Cell>().Select(c => c.InnerText));
        var cells = rows[1].Elements<Cell>().ToList();
        Assert.Equal("north-trust", cells[3].InnerText);
        Assert.Equal(CellValues.Number, cells[4].DataType!.Value);
        Assert.Equal(0.06, double.Parse(cells[4].InnerText, CultureInfo.InvariantCulture), 12);
        Assert.Equal("false", cells[7].InnerText);
    }

    [Theory]
    [InlineData("?period=2026-13", "period must be a month written YYYY-MM")]
    [InlineData("?period=January", "'January' is not")]
    [InlineData("?from=2026-05&to=2026-01", "from (2026-05) is after to (2026-01)")]
    [InlineData("?period=2026-01&from=2025-01", "not both")]
    [InlineData("?scope_type=region", "scope_type 'region' is not one of partnership, partner, sector, role, staff_group")]
    [InlineData("?periode=2026-01&colour=red", "Unknown parameters: periode, colour")]
    [InlineData("?format=xml", "format 'xml' is not one of json, csv, xlsx")]
    [InlineData("?period=", "period is empty")]
    // Unknown like any other now that there are no function keys.
    [InlineData("?period=2026-01&code=secret-key", "Unknown parameter: code.")]
    public async Task GetIndicators_BadParameter_Returns400ProblemNamingIt(string query, string expectedMessage)
    {
        var answer = await GetIndicatorsAsync(query);

        Assert.Equal(400, answer.Status);
        Assert.StartsWith("application/problem+json", answer.ContentType);
        using var document = JsonDocument.Parse(answer.Body);
        Assert.Equal(400, document.RootElement.GetProperty("status").GetInt32());
        var errors = document.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(errors, e => e.Contains(expectedMessage, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetIndicators_ScopeStartingWithFormulaCharacters_IsNeutralisedButNegativeNumbersStayNumbers()
    {
        await _lake.ReplaceAsync("2024-06",
        [
            ServingTestLake.Count("net_flow", "2024-06", ScopeTypes.Role, "=HYPERLINK(\"http://x\",\"y\")", -3, 1),
            ServingTestLake.Count("net_flow", "2024-06", ScopeTypes.Role, "@SUM(A1)", -3, 1),
            ServingTestLake.Count("net_flow", "2024-06", ScopeTypes.Role, "+1-2", -3, 1),
        ], CancellationToken.None);

        var answer = await GetIndicatorsAsync("?period=2024-06&format=csv");

        var lines = answer.Body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Contains("net_flow,2024-06,role,'+1-2,-3,-3,,false,1,2026-02-04T03:30:00Z", lines);
        Assert.Contains("net_flow,2024-06,role,'@SUM(A1),-3,-3,,false,1,2026-02-04T03:30:00Z", lines);
        Assert.Contains("net_flow,2024-06,role,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-3,-3,,false,1,2026-02-04T03:30:00Z", lines);
    }

    [Fact]
    public async Task GetSubmissions_NoPeriod_UsesLatestVacanciesMonthAndShowsWhoHasNotSubmitted()
    {
        var request = await Get("");
        var answer = await ExecuteAsync(await Api.GetSubmissions(request, CancellationToken.None), request);

        Assert.Equal(200, answer.Status);
        using var document = JsonDocument.Parse(answer.Body);
        Assert.Equal(ServingTestLake.Latest, document.RootElement.GetProperty("period").GetString());
        var partners = document.RootElement.GetProperty("partners").EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!);
        Assert.Equal(ServingTestLake.PartnerList.Select(p => p.Id).Order(StringComparer.Ordinal), partners.Keys.Order(StringComparer.Ordinal));

        var council = partners[ServingTestLake.NotSubmitted];
        Assert.Equal("none", council.GetProperty("vacancies").GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, council.GetProperty("vacancies").GetProperty("uploaded_at").ValueKind);
        Assert.Equal("Riverside City Council", council.GetProperty("name").GetString());

        var north = partners["north-trust"];
        Assert.Equal("accepted", north.GetProperty("vacancies").GetProperty("status").GetString());
        Assert.Equal("vacancies-jan.csv", north.GetProperty("vacancies").GetProperty("file_name").GetString());
        Assert.Equal("accepted_with_warnings", north.GetProperty("exits").GetProperty("status").GetString());

        var sunrise = partners["sunrise-care"];
        Assert.Equal("accepted", sunrise.GetProperty("vacancies").GetProperty("status").GetString());
        Assert.Equal("sunrise-vacancies-fixed.csv", sunrise.GetProperty("vacancies").GetProperty("file_name").GetString());
        Assert.Equal("2026-02-02T08:00:00Z", sunrise.GetProperty("vacancies").GetProperty("uploaded_at").GetString());
        Assert.Equal("refused", sunrise.GetProperty("exits").GetProperty("status").GetString());
        Assert.False(partners["old-hospice"].GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task GetSubmissions_EarlierPeriod_ShowsThatMonthsUploads()
    {
        var request = await Get("?period=2025-12");
        var answer = await ExecuteAsync(await Api.GetSubmissions(request, CancellationToken.None), request);

        using var document = JsonDocument.Parse(answer.Body);
        var partners = document.RootElement.GetProperty("partners").EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!);
        Assert.Equal("accepted", partners[ServingTestLake.NotSubmitted].GetProperty("vacancies").GetProperty("status").GetString());
        Assert.Equal("none", partners["sunrise-care"].GetProperty("vacancies").GetProperty("status").GetString());
    }

    [Fact]
    public async Task GetSubmissions_BadPeriod_Returns400()
    {
        var request = await Get("?period=2026-1");
        var answer = await ExecuteAsync(await Api.GetSubmissions(request, CancellationToken.None), request);

        Assert.Equal(400, answer.Status);
        Assert.Contains("period must be a month written YYYY-MM", answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPartnerIngestions_KnownPartner_ReturnsOnlyItsUploadsNewestFirst()
    {
        var answer = await GetIngestionsAsync("north-trust");

        Assert.Equal(200, answer.Status);
        using var document = JsonDocument.Parse(answer.Body);
        Assert.Equal("north-trust", document.RootElement.GetProperty("partner").GetString());
        var uploads = document.RootElement.GetProperty("ingestions").EnumerateArray().ToList();
        Assert.Equal(4, uploads.Count);
        var times = uploads.Select(u => DateTime.Parse(u.GetProperty("uploaded_at").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal)).ToList();
        Assert.Equal(times.OrderDescending(), times);
        Assert.DoesNotContain("sunrise", answer.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("landing/", answer.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nobody-here", 404, "No partner 'nobody-here' is registered.")]
    [InlineData("Not An Id!", 400, "is not a partner id")]
    public async Task GetPartnerIngestions_UnknownPartnerOrInvalidId_IsRefusedNamingIt(string id, int status, string message)
    {
        var answer = await GetIngestionsAsync(id);

        Assert.Equal(status, answer.Status);
        Assert.Contains(message, answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_Get_ReturnsTheSelfContainedPage()
    {
        var request = await Get("");
        var answer = await ExecuteAsync(_lake.Lake.Function<WebPages>().Dashboard(request), request);

        Assert.Equal(200, answer.Status);
        Assert.StartsWith("text/html", answer.ContentType);
        Assert.Contains("<title>Workforce indicators", answer.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"http", answer.Body, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", answer.Headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
    }

    private async Task<HttpAnswer> GetIngestionsAsync(string id)
    {
        var request = await Get("");
        return await ExecuteAsync(await Api.GetPartnerIngestions(request, id, CancellationToken.None), request);
    }
}
