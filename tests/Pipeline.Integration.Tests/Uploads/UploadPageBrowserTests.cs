using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Pipeline.Integration.Tests.Serving;

namespace Pipeline.Integration.Tests.Uploads;

/// <summary>
/// The partners' upload page in Debian's Chromium (never a downloaded browser), served by
/// <c>pipeline serve --as partner:north-trust</c>: a file with errors and then its correction,
/// each problem as the report has it, the coordinators' dashboard afterwards, axe and phone width.
/// </summary>
[Collection(UploadServeCollection.Name)]
public sealed class UploadPageBrowserTests(UploadServeFixture serve, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IDisposable
{
    private static readonly Period LastMonth = Period.Of(DateTimeOffset.UtcNow).AddMonths(-1);
    private readonly string _folder = Directory.CreateTempSubdirectory("upload-page-").FullName;

    private const string Header = "period,role,site,staff_in_post_fte,staff_in_post_headcount,vacancies_fte,vacancies_advertised,applications,starters,leavers";

    private async Task<(IBrowserContext Context, IPage Page, List<string> Requested)> OpenAsync(Uri baseAddress, string path, int width = 1280)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = width, Height = 900 } });
        var page = await context.NewPageAsync();
        var requested = new List<string>();
        page.Request += (_, request) => requested.Add(request.Url);
        await page.GotoAsync(new Uri(baseAddress, path).ToString());
        await page.WaitForSelectorAsync("body[data-ready='true']", new() { Timeout = 30_000 });
        return (context, page, requested);
    }

    /// <summary>Writes a vacancy return of these rows and uploads it through the page, waiting for the verdict.</summary>
    private async Task UploadAsync(IPage page, string name, string expectedStatus, params string[] rows)
    {
        var file = Path.Combine(_folder, name);
        File.WriteAllText(file, Header + "\n" + string.Join("\n", rows) + "\n");
        await page.CheckAsync("#dataset-vacancies");
        await page.SetInputFilesAsync("#file", file);
        await page.ClickAsync("#upload-button");
        await page.WaitForSelectorAsync($"#result:not([hidden]) .verdict.{expectedStatus}", new() { Timeout = 60_000 });
    }

    private static async Task AssertNoSeriousAccessibilityViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
        Assert.True(serious.Count == 0, "axe: " + string.Join("; ", serious));
    }

    [Fact]
    public async Task UploadPage_FileWithErrorsThenItsCorrection_EveryProblemAsTheReportHasItThenAcceptedAndOnTheDashboard()
    {
        var (context, page, requested) = await OpenAsync(serve.Partner.BaseAddress, "api/upload");
        await AssertNoSeriousAccessibilityViolationsAsync(page);

        await UploadAsync(page, "browser-return.csv", "refused",
            $"{LastMonth},chief_wizard,Main,100,110,10,4,20,3,2",
            $"{LastMonth},registered_nurse,Main,100,110,ten,4,20,3,2");

        Assert.Equal("Refused", await page.InnerTextAsync("#verdict-status"));
        var csvLink = await page.GetAttributeAsync("#report-csv", "href");
        Assert.NotNull(csvLink);
        using var report = JsonDocument.Parse(await serve.Partner.Client.GetStringAsync(csvLink!.Split('?')[0].TrimStart('/')));
        var expected = report.RootElement.GetProperty("issues").EnumerateArray()
            .Select(i => (Row: i.GetProperty("row").GetInt32().ToString(CultureInfo.InvariantCulture), Column: i.GetProperty("column").GetString() ?? "")).ToList();
        Assert.Contains(expected, issue => issue == ("2", "role"));
        Assert.Contains(expected, issue => issue == ("3", "vacancies_fte"));
        var shown = new List<(string Row, string Column)>();
        foreach (var row in await page.Locator("#problems-table tbody tr").AllAsync())
        {
            shown.Add((await row.GetAttributeAsync("data-row") ?? "", await row.GetAttributeAsync("data-column") ?? ""));
            Assert.NotEqual("–", await row.Locator("td[data-label='Problem']").InnerTextAsync());
        }
        Assert.Equal(expected, shown);
        Assert.Equal("chief_wizard", await page.InnerTextAsync("#problems-table tr[data-row='2'][data-column='role'] td[data-label='Value']"));
        Assert.Equal(1, await page.Locator("#uploads-table tr[data-file='browser-return.csv'][data-status='refused']").CountAsync());
        await AssertNoSeriousAccessibilityViolationsAsync(page);

        await UploadAsync(page, "browser-return.csv", "accepted",
            $"{LastMonth},registered_nurse,Main,100,110,10,4,20,3,2",
            $"{LastMonth},healthcare_assistant,Main,80,90,6,2,12,1,1");

        Assert.Equal("Accepted", await page.InnerTextAsync("#verdict-status"));
        Assert.Equal(1, await page.Locator("#uploads-table tr[data-file='browser-return.csv'][data-status='accepted']").CountAsync());
        Assert.DoesNotContain(requested, url => url.Contains("code=", StringComparison.OrdinalIgnoreCase) || url.Contains("token", StringComparison.OrdinalIgnoreCase));
        await context.CloseAsync();

        var (dashboardContext, dashboard, _) = await OpenAsync(serve.Coordinator.BaseAddress, "api/dashboard");
        var month = LastMonth.FirstDay.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
        Assert.Contains(month, await dashboard.InnerTextAsync("#headline-hint"), StringComparison.Ordinal);
        await dashboardContext.CloseAsync();
    }

    [Fact]
    public async Task UploadPage_PhoneWidth_NoSidewaysScrollingAndKeyboardReachesTheUpload()
    {
        var (context, page, _) = await OpenAsync(serve.Partner.BaseAddress, "api/upload", width: 390);

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways at 390 px");
        var reached = await KeyboardFocus.TabThroughAsync(page, 6, "() => document.activeElement.id");
        Assert.Contains("dataset-vacancies", reached);
        Assert.Contains("file", reached);
        Assert.Contains("upload-button", reached);
        await AssertNoSeriousAccessibilityViolationsAsync(page);
        await context.CloseAsync();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
