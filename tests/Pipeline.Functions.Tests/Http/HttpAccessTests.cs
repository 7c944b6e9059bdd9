using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Pipeline.Azure;
using Pipeline.Functions.Http;
using static Pipeline.Functions.Tests.Http.HttpFunctionHarness;

namespace Pipeline.Functions.Tests.Http;

/// <summary>
/// Who may see what, over the HTTP functions invoked directly with an X-MS-CLIENT-PRINCIPAL
/// header: no one signed in gets 401, a partner user 403 outside its own partner, a coordinator all.
/// </summary>
public sealed class HttpAccessTests(ServingTestLake lake) : IClassFixture<ServingTestLake>
{
    public static TheoryData<string> Endpoints() => ["indicators", "submissions", "ingestions", "dashboard"];

    private ServingApi Api => lake.Lake.Function<ServingApi>();

    private async Task<HttpAnswer> CallAsync(string endpoint, string? principal, string query = "", string partner = "north-trust")
    {
        var request = await GetAsync(lake.Partners, query, principal);
        return await CallAsync(endpoint, request, partner);
    }

    private async Task<HttpAnswer> CallAsync(string endpoint, HttpRequest request, string partner = "north-trust") => endpoint switch
    {
        "indicators" => await ExecuteAsync(Api.GetIndicators(request), request),
        "submissions" => await ExecuteAsync(await Api.GetSubmissions(request, default), request),
        "ingestions" => await ExecuteAsync(await Api.GetPartnerIngestions(request, partner, default), request),
        "dashboard" => await ExecuteAsync(lake.Lake.Function<WebPages>().Dashboard(request), request),
        "unmapped" => await ExecuteAsync(await Api.GetUnmapped(request, default), request),
        "reprocess" => await ExecuteAsync(await Api.ReprocessUploads(request, default), request),
        _ => throw new ArgumentOutOfRangeException(nameof(endpoint)),
    };

    [Theory]
    [InlineData("indicators")]
    [InlineData("submissions")]
    [InlineData("ingestions")]
    public async Task Api_NoOneSignedIn_401Problem(string endpoint)
    {
        var answer = await CallAsync(endpoint, principal: null, query: endpoint == "indicators" ? "?period=bad" : "");

        Assert.Equal(401, answer.Status);
        Assert.StartsWith("application/problem+json", answer.ContentType);
        Assert.Contains("Sign in", answer.Body, StringComparison.Ordinal);
    }

    /// <summary>The coordinators' own endpoints (issue 11): no one signed in 401, a partner user 403, before anything is read or reprocessed.</summary>
    [Theory]
    [InlineData("unmapped")]
    [InlineData("reprocess")]
    public async Task CoordinatorsOnly_NoOneSignedIn401AndPartnerUser403(string endpoint)
    {
        var signedOut = await CallAsync(endpoint, principal: null);
        var partnerUser = await CallAsync(endpoint, Principals.NorthUser);

        Assert.Equal((401, 403), (signedOut.Status, partnerUser.Status));
        Assert.StartsWith("application/problem+json", partnerUser.ContentType);
    }

    [Fact]
    public async Task Api_UnreadablePrincipalHeader_401()
    {
        Assert.Equal(401, (await CallAsync("indicators", principal: "bm90IGpzb24=")).Status);
    }

    [Fact]
    public async Task Api_CallerNeverResolved_401FailsClosed()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers[ClientPrincipal.HeaderName] = Principals.Coordinator;
        context.Response.Body = new MemoryStream();

        Assert.Equal(401, (await CallAsync("submissions", context.Request)).Status);
    }

    [Fact]
    public async Task Dashboard_NoOneSignedIn_RedirectsToSignInWithNoKeyOrToken()
    {
        var answer = await CallAsync("dashboard", principal: null);

        Assert.Equal(302, answer.Status);
        var location = answer.Headers.Location.ToString();
        Assert.Equal("/.auth/login/aad?post_login_redirect_uri=/api/dashboard", location);
        Assert.DoesNotContain("code=", location, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("token", location, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Any_SignedInWithoutRoleOrPartner_403(string endpoint)
    {
        var answer = await CallAsync(endpoint, Principals.Stranger);

        Assert.Equal(403, answer.Status);
        Assert.Contains("not a coordinator and no partner lists you", answer.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("north-trust")]
    [InlineData("sunrise-care")]
    public async Task Ingestions_PartnerUser_403ForAnyPartnerCoordinatorsOnly(string partner)
    {
        var answer = await CallAsync("ingestions", Principals.NorthUser, partner: partner);

        Assert.Equal(403, answer.Status);
        Assert.DoesNotContain(".csv", answer.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("north-trust")]
    [InlineData("sunrise-care")]
    [InlineData("city-council")]
    public async Task Ingestions_Coordinator_AnyPartnersLog(string partner)
    {
        var answer = await CallAsync("ingestions", Principals.Coordinator, partner: partner);

        Assert.Equal(200, answer.Status);
        using var document = JsonDocument.Parse(answer.Body);
        Assert.Equal(partner, document.RootElement.GetProperty("partner").GetString());
    }

    [Fact]
    public async Task Indicators_Coordinator_EveryScopeType()
    {
        var answer = await CallAsync("indicators", Principals.Coordinator, "?period=2026-01");

        using var document = JsonDocument.Parse(answer.Body);
        var scopeTypes = document.RootElement.EnumerateArray().Select(r => r.GetProperty("scope_type").GetString()).ToHashSet();
        var partners = PartnerScopes(document);
        Assert.Superset(new HashSet<string?> { "partnership", "partner", "role" }, scopeTypes);
        Assert.Superset(new HashSet<string> { "north-trust", "sunrise-care" }, partners);
    }

    [Theory]
    [InlineData("")]
    [InlineData("&format=csv")]
    public async Task Indicators_PartnerUser_PartnershipAndOwnPartnerRowsOnly(string format)
    {
        var answer = await CallAsync("indicators", Principals.NorthUser, "?period=2026-01" + format);

        Assert.Equal(200, answer.Status);
        var expected = lake.Written[ServingTestLake.Latest]
            .Where(r => r.ScopeType == "partnership" || (r.ScopeType == "partner" && r.Scope == "north-trust")).ToList();
        if (format.Length == 0)
        {
            using var document = JsonDocument.Parse(answer.Body);
            var rows = document.RootElement.EnumerateArray().Select(r => (r.GetProperty("scope_type").GetString(), r.GetProperty("scope").GetString(), r.GetProperty("indicator").GetString())).ToHashSet();
            Assert.Equal(expected.Select(r => ((string?)r.ScopeType, (string?)r.Scope, (string?)r.Indicator)).ToHashSet(), rows);
            Assert.Contains(rows, r => r.Item2 == "north-trust");
        }
        else
        {
            var lines = answer.Body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
            Assert.Equal(expected.Count, lines.Count);
            Assert.DoesNotContain(lines, line => line.Contains("sunrise-care", StringComparison.Ordinal) || line.Contains(",role,", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("?scope_type=partner&scope=north-trust")]
    [InlineData("?scope_type=role")]
    [InlineData("?scope_type=sector&format=xlsx")]
    public async Task Indicators_PartnerUserAskingForOthersBelowPartnershipLevel_403(string query)
    {
        var answer = await CallAsync("indicators", Principals.Sunrise, query);

        Assert.Equal(403, answer.Status);
        Assert.Contains("sunrise-care", answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submissions_PartnerUser_OwnRowOnly()
    {
        var answer = await CallAsync("submissions", Principals.Sunrise);

        Assert.Equal(200, answer.Status);
        using var document = JsonDocument.Parse(answer.Body);
        Assert.Equal(ServingTestLake.Latest, document.RootElement.GetProperty("period").GetString());
        Assert.Equal(["sunrise-care"], document.RootElement.GetProperty("partners").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Submissions_Coordinator_EveryPartner()
    {
        var answer = await CallAsync("submissions", Principals.Coordinator);

        using var document = JsonDocument.Parse(answer.Body);
        Assert.Equal(ServingTestLake.PartnerList.Count, document.RootElement.GetProperty("partners").GetArrayLength());
    }

    [Theory]
    [InlineData(nameof(Principals.Coordinator))]
    [InlineData(nameof(Principals.NorthUser))]
    public async Task Dashboard_SignedInWithARole_ThePageWithNoKeyPlumbing(string who)
    {
        var principal = who == nameof(Principals.Coordinator) ? Principals.Coordinator : Principals.NorthUser;

        var answer = await CallAsync("dashboard", principal);

        Assert.Equal(200, answer.Status);
        Assert.StartsWith("text/html", answer.ContentType);
        Assert.DoesNotContain("\"code\"", answer.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("code=", answer.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("token", answer.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Middleware_HttpInvocation_ResolvesTheCallerFromTheHeaderBeforeTheFunction()
    {
        var http = new DefaultHttpContext();
        http.Request.Headers[ClientPrincipal.HeaderName] = Principals.NorthUser;
        var items = new Dictionary<object, object> { ["HttpRequestContext"] = http };
        var function = new Mock<FunctionContext>();
        function.SetupGet(f => f.Items).Returns(items);
        function.SetupGet(f => f.CancellationToken).Returns(CancellationToken.None);
        Caller? seen = null;
        var middleware = new CallerMiddleware(new CallerResolver(lake.Partners, new AccessOptions()));

        await middleware.Invoke(function.Object, _ =>
        {
            seen = HttpCallers.Of(http.Request);
            return Task.CompletedTask;
        });

        Assert.Equal("north-trust", Assert.IsType<Caller.PartnerUser>(seen).PartnerId);
    }

    [Fact]
    public void Middleware_FromTheAppsServices_ResolvesWithTheCoordinatorRoleSetting()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["PipelineStorage"] = "UseDevelopmentStorage=true", ["Pipeline:Access:CoordinatorRole"] = "Lead" })
            .Build();
        using var provider = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddPipeline(configuration).AddPipelineAzureStorage(configuration).BuildServiceProvider();

        Assert.NotNull(ActivatorUtilities.CreateInstance<CallerMiddleware>(provider));
        Assert.Equal("Lead", provider.GetRequiredService<AccessOptions>().CoordinatorRole);
    }

    private static HashSet<string> PartnerScopes(JsonDocument document) =>
        document.RootElement.EnumerateArray().Where(r => r.GetProperty("scope_type").GetString() == "partner")
            .Select(r => r.GetProperty("scope").GetString()!).ToHashSet();
}
