using Microsoft.Playwright;

namespace Pipeline.Integration.Tests.Serving;

/// <summary>
/// The dashboard in Debian's Chromium (never a downloaded browser), served by <c>pipeline serve</c>.
/// Expected figures are computed here from the rows the test lake wrote.
/// </summary>
[Collection(ServeCollection.Name)]
public sealed class DashboardBrowserTests(ServeFixture serve, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private async Task<IPage> OpenDashboardAsync(string query = "")
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1280, Height = 900 }, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(serve.BaseAddress, "api/dashboard" + query).ToString());
        await page.WaitForSelectorAsync("body[data-ready='true']", new() { Timeout = 30_000 });
        return page;
    }

    private IndicatorRow Partnership(string indicator, string period) =>
        serve.Lake.Written[period].Single(r => r.Indicator == indicator && r.ScopeType == ScopeTypes.Partnership);

    private static string Percent(double numerator, double denominator) =>
        Math.Round(numerator / denominator * 100, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string MonthName(string period) =>
        DateTime.ParseExact(period, "yyyy-MM", CultureInfo.InvariantCulture).ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Dashboard_Opened_HeadlineTilesShowTheLatestMonthsFigures()
    {
        var page = await OpenDashboardAsync();
        var latest = ServingTestLake.Latest;
        var previous = "2025-12";

        var vacancy = Partnership("vacancy_rate", latest);
        Assert.Equal(Percent(vacancy.Numerator!.Value, vacancy.Denominator!.Value), await page.InnerTextAsync("#tile-vacancy_rate .value"));
        var before = Partnership("vacancy_rate", previous);
        var points = Math.Round(Math.Abs(vacancy.Numerator.Value / vacancy.Denominator.Value - before.Numerator!.Value / before.Denominator!.Value) * 100, 1)
            .ToString("0.0", CultureInfo.InvariantCulture);
        var direction = vacancy.Value < before.Value ? "down" : "up";
        Assert.Contains($"{direction} {points} points on {MonthName(previous)}", await page.InnerTextAsync("#tile-vacancy_rate ul"), StringComparison.Ordinal);

        var applications = Partnership("applications_per_advert", latest);
        Assert.Equal((applications.Numerator!.Value / applications.Denominator!.Value).ToString("0.0", CultureInfo.InvariantCulture),
            await page.InnerTextAsync("#tile-applications_per_advert .value"));
        var turnover = Partnership("turnover_rate_12m", latest);
        Assert.Equal(Percent(turnover.Numerator!.Value, turnover.Denominator!.Value), await page.InnerTextAsync("#tile-turnover_rate_12m .value"));
        var leftSector = Partnership("left_sector_share", latest);
        Assert.Equal(Percent(leftSector.Numerator!.Value, leftSector.Denominator!.Value), await page.InnerTextAsync("#tile-left_sector_share .value"));
        var coverage = Partnership("submission_coverage", latest);
        Assert.Equal(Percent(coverage.Numerator!.Value, coverage.Denominator!.Value), await page.InnerTextAsync("#tile-submission_coverage .value"));
        var starters = Partnership("starters", latest).Value;
        var leavers = Partnership("leavers", latest).Value;
        Assert.Equal($"{starters} starters, {leavers} leavers", await page.InnerTextAsync("#tile-starters_leavers .value"));
        Assert.Contains(MonthName(latest), await page.InnerTextAsync("#headline-hint"), StringComparison.Ordinal);

        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "dashboard.png"), FullPage = true });
    }

    [Fact]
    public async Task Dashboard_SuppressedValue_ShowsAsSuppressed()
    {
        var page = await OpenDashboardAsync();

        var cell = await page.InnerTextAsync("#breakdown-table tr[data-scope='sunrise-care'] td[data-indicator='left_sector_share']");
        Assert.Equal("suppressed (small numbers)", cell);
        var shown = await page.InnerTextAsync("#breakdown-table tr[data-scope='north-trust'] td[data-indicator='left_sector_share']");
        Assert.Equal(Percent(8, 16), shown);
    }

    [Fact]
    public async Task Dashboard_ScopeChanged_BreakdownFollows()
    {
        var page = await OpenDashboardAsync();
        Assert.Equal(["North Moor NHS Trust", "Sunrise Care Homes"], await RowNamesAsync(page));

        await page.SelectOptionAsync("#scope-type", "role");
        await page.WaitForSelectorAsync("#breakdown-table tr[data-scope='care_worker']");
        Assert.Equal(["Care worker", "Registered nurse"], await RowNamesAsync(page));

        await page.SelectOptionAsync("#scope", "registered_nurse");
        await page.WaitForFunctionAsync("document.querySelectorAll('#breakdown-table tbody tr').length === 1");
        Assert.Equal(["Registered nurse"], await RowNamesAsync(page));
        Assert.Equal(Percent(10, 150), await page.InnerTextAsync("#breakdown-table tr[data-scope='registered_nurse'] td[data-indicator='vacancy_rate']"));
        await page.WaitForFunctionAsync("document.getElementById('legend').textContent.includes('Registered nurse')");
        Assert.Equal(2, await page.Locator("#legend > span").CountAsync());
    }

    [Fact]
    public async Task Dashboard_Submissions_ShowWhoHasNotSubmitted()
    {
        var page = await OpenDashboardAsync();

        var row = await page.InnerTextAsync($"#submissions-table tr[data-partner='{ServingTestLake.NotSubmitted}']");
        Assert.Contains("Not submitted", row, StringComparison.Ordinal);
        Assert.Contains("Accepted", await page.InnerTextAsync("#submissions-table tr[data-partner='north-trust']"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_DownloadLinks_DownloadCsvAndXlsxWithNoKeyOrTokenInAnyLink()
    {
        // An old bookmark with a key: the page neither needs it nor passes it on.
        var page = await OpenDashboardAsync("?code=old-key");

        var links = await page.Locator("a[href]").EvaluateAllAsync<string[]>("links => links.map(a => a.href)");
        Assert.NotEmpty(links);
        Assert.All(links, href =>
        {
            Assert.DoesNotContain("code=", href, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("old-key", href, StringComparison.Ordinal);
            Assert.DoesNotContain("token", href, StringComparison.OrdinalIgnoreCase);
        });
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-csv"));
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.StartsWith("indicator,period,scope_type,scope,value,numerator,denominator,suppressed,partners_reporting,computed_at\r\n", csv, StringComparison.Ordinal);
        Assert.Contains(",partner,north-trust,", csv, StringComparison.Ordinal);

        var workbook = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-excel"));
        Assert.EndsWith(".xlsx", workbook.SuggestedFilename, StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync(await workbook.PathAsync());
        Assert.Equal("PK"u8.ToArray(), bytes[..2]);
    }

    private static async Task<IReadOnlyList<string>> RowNamesAsync(IPage page) =>
        (await page.Locator("#breakdown-table tbody th").AllInnerTextsAsync()).ToList();
}

/// <summary>One headless Debian Chromium for the class; Playwright never downloads a browser here.</summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private IPlaywright _playwright = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
