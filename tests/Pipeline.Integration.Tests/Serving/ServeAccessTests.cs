using System.Net;

namespace Pipeline.Integration.Tests.Serving;

/// <summary>
/// Who may see what through <c>pipeline serve --as ...</c> on loopback: the same access rules as
/// the functions, for the caller the flag names.
/// </summary>
[Collection(ServeCollection.Name)]
public sealed class ServeAccessTests(ServeFixture serve)
{
    public static TheoryData<string> Endpoints() =>
        ["api/indicators?period=2026-01", "api/submissions", "api/partners/north-trust/ingestions", "api/dashboard", "api/unmapped"];

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Anonymous_EveryEndpoint_401(string url)
    {
        using var response = await serve.Anonymous.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("api/partners/sunrise-care/ingestions")]
    [InlineData("api/partners/north-trust/ingestions")]
    [InlineData("api/indicators?scope_type=partner&scope=sunrise-care")]
    [InlineData("api/indicators?scope_type=role&format=csv")]
    [InlineData("api/unmapped")]
    public async Task PartnerUser_OtherPartnersOrBelowPartnershipLevel_403(string url)
    {
        using var response = await serve.Partner.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("sunrise-exits.csv", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PartnerUser_Indicators_PartnershipAndOwnRowsOnly()
    {
        using var document = JsonDocument.Parse(await serve.Partner.Client.GetStringAsync("api/indicators?period=2026-01"));

        var rows = document.RootElement.EnumerateArray().Select(r => (r.GetProperty("scope_type").GetString(), r.GetProperty("scope").GetString())).ToList();
        Assert.Contains(("partnership", "all"), rows);
        Assert.Contains(("partner", ServeFixture.PartnerCaller), rows);
        Assert.All(rows, r => Assert.True(r.Item1 == "partnership" || r == ("partner", ServeFixture.PartnerCaller), $"{r} is not the partner's to see"));
    }

    [Fact]
    public async Task PartnerUser_SubmissionsAndDashboard_OwnRowAndThePage()
    {
        using var document = JsonDocument.Parse(await serve.Partner.Client.GetStringAsync("api/submissions"));
        using var page = await serve.Partner.Client.GetAsync("api/dashboard");

        Assert.Equal([ServeFixture.PartnerCaller], document.RootElement.GetProperty("partners").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Coordinator_Default_SeesEveryPartnersIngestionsAndEveryScope()
    {
        foreach (var partner in ServingTestLake.PartnerList)
        {
            using var response = await serve.Client.GetAsync($"api/partners/{partner.Id}/ingestions");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        using var document = JsonDocument.Parse(await serve.Client.GetStringAsync("api/indicators?period=2026-01&scope_type=partner"));
        var partners = document.RootElement.EnumerateArray().Select(r => r.GetProperty("scope").GetString()).ToHashSet();
        Assert.Contains("sunrise-care", partners);
        Assert.Contains("north-trust", partners);
    }

    [Fact]
    public void Serve_Started_SaysWhoTheCallerIs()
    {
        Assert.Contains(serve.Output, line => line.Contains("as coordinator local", StringComparison.Ordinal));
        Assert.Contains(serve.Partner.Output, line => line.Contains($"as partner {ServeFixture.PartnerCaller} user local", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Serve_UnregisteredPartner_RefusesToStart()
    {
        await using var process = new ServeProcess();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => process.StartAsync(["serve", "--lake", serve.Lake.Root, "--as", "partner:no-such-partner"]));

        Assert.Contains("No partner 'no-such-partner' is registered", failure.Message, StringComparison.Ordinal);
    }
}
