using Microsoft.Playwright;

namespace Pipeline.Integration.Tests.Serving;

/// <summary>The dashboard in Chromium as a partner user (<c>pipeline serve --as partner:north-trust</c>).</summary>
[Collection(ServeCollection.Name)]
public sealed class DashboardAccessBrowserTests(ServeFixture serve, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task Dashboard_PartnerUser_PartnershipTilesAndOnlyItsOwnPartnerBelowThem()
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var requested = new List<string>();
        page.Request += (_, request) => requested.Add(request.Url);
        await page.GotoAsync(new Uri(serve.Partner.BaseAddress, "api/dashboard").ToString());
        await page.WaitForSelectorAsync("body[data-ready='true']", new() { Timeout = 30_000 });

        Assert.NotEqual("", await page.InnerTextAsync("#tile-vacancy_rate .value"));
        var breakdown = await page.Locator("#breakdown-table tbody th").AllInnerTextsAsync();
        Assert.Equal(["North Moor NHS Trust"], breakdown);
        Assert.Equal(1, await page.Locator("#submissions-table tr[data-partner]").CountAsync());
        Assert.Equal(1, await page.Locator("#submissions-table tr[data-partner='north-trust']").CountAsync());
        Assert.Empty(await page.InnerTextAsync("#status"));
        Assert.DoesNotContain(requested, url => url.Contains("code=", StringComparison.OrdinalIgnoreCase) || url.Contains("token", StringComparison.OrdinalIgnoreCase));

        await page.SelectOptionAsync("#scope-type", "role");
        await page.WaitForFunctionAsync("() => document.getElementById('status').textContent.length > 0");
        Assert.Contains("for coordinators", await page.InnerTextAsync("#status"), StringComparison.Ordinal);
        await context.CloseAsync();
    }
}
