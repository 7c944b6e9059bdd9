using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Pipeline.Integration.Tests.Bi;

namespace Pipeline.Integration.Tests.Serving;

/// <summary>
/// The dashboard in Debian's Chromium over the lake <c>pipeline demo</c> makes, served by <c>pipeline serve</c>:
/// every section against the API's own figures, scope and month changes, phone width and an axe check.
/// Screenshots at laptop and phone width go to <c>screenshots/</c> beside the test assembly.
/// </summary>
public sealed class DemoDashboardBrowserTests(DemoServeFixture serve, ChromiumFixture chromium)
    : IClassFixture<DemoServeFixture>, IClassFixture<ChromiumFixture>
{
    private const int Laptop = 1280;
    private const int Phone = 390;

    [Fact]
    public async Task Dashboard_DemoLake_EverySectionShowsTheApisFigures()
    {
        var (page, errors) = await OpenAsync(Laptop);
        await OpenEveryDisclosureAsync(page);
        var partnership = await RowsAsync("scope_type=partnership");
        var months = partnership.Select(r => r.Period).Distinct().Order(StringComparer.Ordinal).ToList();
        var latest = months[^1];

        await AssertMonthTableAsync(page, "labour-figures", months, new()
        {
            ["job_postings"] = Of(partnership, "job_postings"),
            ["vacancies_fte"] = Of(partnership, "vacancies_fte"),
            ["claimants"] = Of(partnership, "claimants"),
            ["postings_per_100_claimants"] = Of(partnership, "postings_per_100_claimants"),
            ["median_advertised_salary"] = Of(partnership, "median_advertised_salary"),
            ["nhs_vacancy_rate"] = Of(await RowsAsync("scope_type=sector&scope=nhs_trust&indicator=vacancy_rate"), "vacancy_rate"),
            ["nhs_region_vacancy_rate"] = Of(partnership, "nhs_region_vacancy_rate"),
        });
        Assert.Contains(partnership, r => r.Indicator == "job_postings" && r.Value > 0);
        Assert.Contains(partnership, r => r.Indicator == "nhs_region_vacancy_rate" && r.Value > 0);
        var advertMonth = partnership.Where(r => r.Indicator == "job_postings").Max(r => r.Period)!;
        Assert.Contains(MonthName(advertMonth), await page.InnerTextAsync("#labour-roles-heading"), StringComparison.Ordinal);
        var roles = await RowsAsync($"period={advertMonth}&scope_type=role&indicator=job_postings");
        Assert.NotEmpty(roles);
        foreach (var role in roles)
        {
            Assert.Equal(Text(role), await page.InnerTextAsync($"#labour-roles-figures tr[data-key='{role.Scope}'] td"));
        }

        var reasons = partnership.Where(r => r.Indicator.StartsWith("reason_share:", StringComparison.Ordinal)).GroupBy(r => r.Indicator[13..]).ToList();
        Assert.Equal(17, reasons.Count);
        foreach (var reason in reasons)
        {
            var share = reason.Sum(r => r.Numerator!.Value) / reason.Sum(r => r.Denominator!.Value);
            Assert.Equal(Format("reason_share:x", share), await page.InnerTextAsync($"#reasons-figures tr[data-key='{reason.Key}'] td:nth-of-type(1)"));
            Assert.Equal(Format("exit_count", reason.Sum(r => r.Numerator!.Value)), await page.InnerTextAsync($"#reasons-figures tr[data-key='{reason.Key}'] td:nth-of-type(2)"));
        }

        foreach (var name in new[] { "retained_in_system_share", "left_sector_share" })
        {
            Assert.Equal(Text(partnership.Single(r => r.Period == latest && r.Indicator == name)), await page.InnerTextAsync($"#destination-tile-{name} .value"));
        }
        await AssertMonthTableAsync(page, "destinations-figures", months, new()
        {
            ["retained_in_system_share"] = Of(partnership, "retained_in_system_share"),
            ["left_sector_share"] = Of(partnership, "left_sector_share"),
        });
        var byPartner = await RowsAsync($"period={latest}&scope_type=partner");
        var partnersWithExits = byPartner.Where(r => r.Indicator == "retained_in_system_share").ToList();
        Assert.NotEmpty(partnersWithExits);
        foreach (var row in partnersWithExits)
        {
            Assert.Equal(Text(row), await page.InnerTextAsync($"#destinations-partners-figures tr[data-key='{row.Scope}'] td[data-indicator='retained_in_system_share']"));
            var left = byPartner.Single(r => r.Scope == row.Scope && r.Indicator == "left_sector_share");
            Assert.Equal(Text(left), await page.InnerTextAsync($"#destinations-partners-figures tr[data-key='{row.Scope}'] td[data-indicator='left_sector_share']"));
        }

        await AssertMonthTableAsync(page, "flow-figures", months, new()
        {
            ["starters"] = Of(partnership, "starters"),
            ["leavers"] = Of(partnership, "leavers"),
            ["net_flow"] = Of(partnership, "net_flow"),
            ["applications_per_advert"] = Of(partnership, "applications_per_advert"),
        });

        var byRole = await RowsAsync("scope_type=role&indicator=vacancy_rate");
        await AssertMonthTableAsync(page, "groups-figures", months, byRole.GroupBy(r => r.Scope).ToDictionary(g => g.Key, g => Of(g, "vacancy_rate")));

        var coverage = partnership.Single(r => r.Period == latest && r.Indicator == "submission_coverage");
        var agreed = $"{coverage.Numerator} of {coverage.Denominator} active partners";
        Assert.Contains(agreed, await page.InnerTextAsync("#tile-submission_coverage"), StringComparison.Ordinal);
        Assert.StartsWith(agreed, await page.InnerTextAsync("#submissions-hint"), StringComparison.Ordinal);

        Assert.Empty(errors);
        await CloseEveryDisclosureAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("dashboard-laptop.png"), FullPage = true });
    }

    [Fact]
    public async Task Dashboard_ScopeAndMonthsChanged_ChartsAndTablesFollow()
    {
        var (page, errors) = await OpenAsync(Laptop);
        await OpenEveryDisclosureAsync(page);
        var months = (await RowsAsync("scope_type=partnership&indicator=starters")).Select(r => r.Period).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(months.Count * 2, await page.Locator("#flow-people-chart circle").CountAsync());

        var from = months[^6];
        await page.SelectOptionAsync("#from", from);
        await EventuallyAsync(async () => await page.Locator("#flow-people-chart circle").CountAsync() == 12);
        Assert.Equal(6, await page.Locator("#flow-figures tbody tr").CountAsync());

        await page.SelectOptionAsync("#scope-type", "partner");
        await page.WaitForSelectorAsync("#scope option[value='tamar-valley-nhs']", new() { State = WaitForSelectorState.Attached });
        await page.SelectOptionAsync("#scope", "tamar-valley-nhs");
        var name = await page.InnerTextAsync("#scope option[value='tamar-valley-nhs']");
        await EventuallyAsync(async () => (await page.InnerTextAsync("#flow-hint")).StartsWith(name, StringComparison.Ordinal));
        var partner = await RowsAsync($"scope_type=partner&scope=tamar-valley-nhs&from={from}");
        await AssertMonthTableAsync(page, "flow-figures", months[^6..], new()
        {
            ["starters"] = Of(partner, "starters"),
            ["leavers"] = Of(partner, "leavers"),
        });
        Assert.StartsWith(name, await page.InnerTextAsync("#reasons-hint"), StringComparison.Ordinal);

        await page.SelectOptionAsync("#group-type", "sector");
        await page.WaitForSelectorAsync("#groups-figures td[data-series='nhs_trust']");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Dashboard_PhoneWidth_NoHorizontalScrolling()
    {
        var (page, errors) = await OpenAsync(Phone);
        await OpenEveryDisclosureAsync(page);

        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the page scrolls {overflow}px sideways at {Phone}px");
        Assert.Empty(errors);
        await CloseEveryDisclosureAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("dashboard-phone.png"), FullPage = true });
    }

    [Theory]
    [InlineData(Laptop)]
    [InlineData(Phone)]
    public async Task Dashboard_Axe_NoSeriousOrCriticalViolations(int width)
    {
        var (page, _) = await OpenAsync(width);
        await OpenEveryDisclosureAsync(page);

        var result = await page.RunAxe();

        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}");
        Assert.Empty(serious);
    }

    [Fact]
    public async Task Dashboard_Keyboard_TabReachesTheControlsAndEveryDisclosure()
    {
        var (page, _) = await OpenAsync(Laptop);
        var reached = await KeyboardFocus.TabThroughAsync(page, 80,
            "(() => { const e = document.activeElement; return e.id || (e.tagName === 'SUMMARY' ? 'summary:' + e.textContent : e.tagName); })()");
        Assert.Contains("from", reached);
        Assert.Contains("group-type", reached);
        Assert.Contains("summary:Show the reasons for leaving as a table", reached);
        await page.FocusAsync("#section-reasons summary");
        await page.Keyboard.PressAsync("Enter");
        Assert.True(await page.IsVisibleAsync("#reasons-figures"));
    }

    private async Task<(IPage Page, List<string> Errors)> OpenAsync(int width)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = width, Height = 900 } });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        page.RequestFailed += (_, request) => errors.Add("request failed: " + request.Url);
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                errors.Add($"{response.Status} for {response.Url}");
            }
        };
        await page.GotoAsync(new Uri(serve.BaseAddress, "api/dashboard").ToString());
        await page.WaitForSelectorAsync("body[data-ready='true']", new() { Timeout = 30_000 });
        Assert.Equal("", await page.InnerTextAsync("#status"));
        return (page, errors);
    }

    /// <summary>Waits for the page to catch up with a change (the page's script may not be evaluated from outside: its CSP forbids eval).</summary>
    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "the dashboard did not follow the change within 15 seconds");
            await Task.Delay(100);
        }
    }

    private static Task OpenEveryDisclosureAsync(IPage page) => page.EvaluateAsync("document.querySelectorAll('details').forEach(d => d.open = true)");

    private static Task CloseEveryDisclosureAsync(IPage page) => page.EvaluateAsync("document.querySelectorAll('details').forEach(d => d.open = false)");

    /// <summary>Every month row of a dashboard table: each named column shows the API's figure for that month, or a dash when it has none.</summary>
    private static async Task AssertMonthTableAsync(IPage page, string tableId, IReadOnlyList<string> months, Dictionary<string, Dictionary<string, ApiRow>> columns)
    {
        Assert.Equal(months.Count, await page.Locator($"#{tableId} tbody tr").CountAsync());
        var mismatches = new List<string>();
        foreach (var month in months)
        {
            foreach (var (series, rows) in columns)
            {
                var expected = rows.TryGetValue(month, out var row) ? Text(row) : "\u2013";
                var shown = await page.InnerTextAsync($"#{tableId} tr[data-period='{month}'] td[data-series='{series}']");
                if (shown != expected)
                {
                    mismatches.Add($"{month} {series}: shown {shown}, API {expected}");
                }
            }
        }
        Assert.Empty(mismatches);
    }

    private async Task<List<ApiRow>> RowsAsync(string query)
    {
        using var document = JsonDocument.Parse(await serve.Client.GetStringAsync("api/indicators?" + query));
        return document.RootElement.EnumerateArray().Select(e => new ApiRow(
            e.GetProperty("indicator").GetString()!, e.GetProperty("period").GetString()!, e.GetProperty("scope").GetString()!,
            Number(e, "value"), Number(e, "numerator"), Number(e, "denominator"), e.GetProperty("suppressed").GetBoolean())).ToList();
    }

    private static double? Number(JsonElement row, string name) => row.GetProperty(name).ValueKind == JsonValueKind.Null ? null : row.GetProperty(name).GetDouble();

    private static Dictionary<string, ApiRow> Of(IEnumerable<ApiRow> rows, string indicator) =>
        rows.Where(r => r.Indicator == indicator).ToDictionary(r => r.Period);

    /// <summary>How the dashboard writes a figure (docs/dashboard.md "How figures are shown"); F1 rounds the binary value as JavaScript's toFixed does.</summary>
    private static string Text(ApiRow row) => row.Suppressed ? "suppressed (small numbers)" : Format(row.Indicator, row.Value);

    private static string Format(string indicator, double? value)
    {
        if (value is not { } v)
        {
            return "\u2013";
        }
        var british = CultureInfo.GetCultureInfo("en-GB");
        return indicator switch
        {
            _ when indicator.StartsWith("reason_share:", StringComparison.Ordinal) || indicator.EndsWith("_share", StringComparison.Ordinal)
                || indicator is "vacancy_rate" or "turnover_rate_12m" or "submission_coverage" => (v * 100).ToString("F1", CultureInfo.InvariantCulture) + "%",
            "applications_per_advert" or "postings_per_100_claimants" => v.ToString("F1", CultureInfo.InvariantCulture),
            "starters" or "leavers" or "net_flow" or "exit_count" or "job_postings" or "claimants" => Math.Round(v, MidpointRounding.AwayFromZero).ToString("#,0", british),
            "median_advertised_salary" => "\u00a3" + Math.Round(v, MidpointRounding.AwayFromZero).ToString("#,0", british),
            _ => v == Math.Floor(v) ? v.ToString("#,0", british) : v.ToString("F1", CultureInfo.InvariantCulture),
        };
    }

    private static string MonthName(string period) =>
        DateTime.ParseExact(period, "yyyy-MM", CultureInfo.InvariantCulture).ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    private static string Screenshot(string fileName)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, fileName);
    }

    private sealed record ApiRow(string Indicator, string Period, string Scope, double? Value, double? Numerator, double? Denominator, bool Suppressed);
}

/// <summary><c>pipeline serve</c> over a fresh lake made by <c>pipeline demo</c>.</summary>
public sealed class DemoServeFixture : IAsyncLifetime
{
    private readonly DemoLakeFixture _demo = new();
    private readonly ServeProcess _serve = new();

    public Uri BaseAddress => _serve.BaseAddress;
    public HttpClient Client => _serve.Client;

    public async Task InitializeAsync()
    {
        await _demo.InitializeAsync();
        await _serve.StartAsync(["serve", "--lake", _demo.Root]);
    }

    public async Task DisposeAsync()
    {
        if (_serve is not null)
        {
            await _serve.DisposeAsync();
        }
        await _demo.DisposeAsync();
    }
}
