using Microsoft.Extensions.Logging;

namespace Pipeline.Core.Tests.Access;

public sealed class ServingAccessTests
{
    private readonly RecordingLogger _log = new();
    private readonly ServingAccess _access;

    private static readonly Caller Coordinator = new Caller.Coordinator("cora (c-1)");
    private static readonly Caller North = new Caller.PartnerUser("north-trust", "nick (n-1)");
    private static readonly Caller Stranger = new Caller.WithoutAccess("sam (s-1)", "Not in any partner.");

    public ServingAccessTests() => _access = new ServingAccess(_log);

    private static IndicatorQuery Query(string? scopeType = null, string? scope = null) => new() { ScopeType = scopeType, Scope = scope };

    private static IndicatorRow Row(string scopeType, string scope) =>
        new() { Indicator = "vacancy_rate", Period = "2026-01", ScopeType = scopeType, Scope = scope };

    [Fact]
    public void Anyone_NotSignedIn_401EverywhereAndLogged()
    {
        var decisions = new[]
        {
            _access.Page(Caller.Anonymous, "dashboard"), _access.Indicators(Caller.Anonymous, Query()),
            _access.Indicators(Caller.Anonymous, null), _access.Submissions(Caller.Anonymous),
            _access.PartnerIngestions(Caller.Anonymous, "north-trust"),
        };

        Assert.All(decisions, d => Assert.Equal(401, d.Refusal?.StatusCode));
        Assert.Equal(5, _log.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.Contains("to anonymous with 401", StringComparison.Ordinal)));
    }

    [Fact]
    public void SignedInWithoutAccess_403EverywhereWithTheReason()
    {
        var decisions = new[]
        {
            _access.Page(Stranger, "dashboard"), _access.Indicators(Stranger, Query()), _access.Submissions(Stranger),
            _access.PartnerIngestions(Stranger, "north-trust"),
        };

        Assert.All(decisions, d => Assert.Equal(403, d.Refusal?.StatusCode));
        Assert.Contains(_log.Entries, e => e.Message == "Refused submissions to signed-in user sam (s-1) without access with 403");
    }

    [Fact]
    public void Coordinator_EverythingAndLoggedByName()
    {
        var decisions = new[]
        {
            _access.Page(Coordinator, "dashboard"), _access.Indicators(Coordinator, Query(ScopeTypes.Role)),
            _access.Submissions(Coordinator), _access.PartnerIngestions(Coordinator, "sunrise-care"),
        };

        Assert.All(decisions, d => Assert.Equal(AccessDecision.Everything, d));
        Assert.True(decisions[1].MaySee(Row(ScopeTypes.Partner, "sunrise-care")));
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Information && e.Message == "Serving ingestions of sunrise-care to coordinator cora (c-1)");
    }

    [Fact]
    public void PartnerUser_Indicators_PartnershipAndOwnPartnerRowsOnly()
    {
        var decision = _access.Indicators(North, Query());

        Assert.Null(decision.Refusal);
        Assert.True(decision.MaySee(Row(ScopeTypes.Partnership, "all")));
        Assert.True(decision.MaySee(Row(ScopeTypes.Partner, "north-trust")));
        Assert.False(decision.MaySee(Row(ScopeTypes.Partner, "sunrise-care")));
        Assert.False(decision.MaySee(Row(ScopeTypes.Sector, "nhs_trust")));
        Assert.False(decision.MaySee(Row(ScopeTypes.Role, "registered_nurse")));
        Assert.False(decision.MaySee(Row(ScopeTypes.StaffGroup, "nursing")));
    }

    [Theory]
    [InlineData(ScopeTypes.Partner, "sunrise-care")]
    [InlineData(ScopeTypes.Sector, null)]
    [InlineData(ScopeTypes.Role, null)]
    [InlineData(ScopeTypes.StaffGroup, "nursing")]
    public void PartnerUser_IndicatorsAskedBelowPartnershipLevelForOthers_403(string scopeType, string? scope)
    {
        var decision = _access.Indicators(North, Query(scopeType, scope));

        Assert.Equal(403, decision.Refusal?.StatusCode);
        Assert.Contains(_log.Entries, e => e.Message == "Refused indicators to partner north-trust user nick (n-1) with 403");
    }

    [Theory]
    [InlineData(ScopeTypes.Partner, "north-trust")]
    [InlineData(ScopeTypes.Partner, null)]
    [InlineData(ScopeTypes.Partnership, null)]
    public void PartnerUser_IndicatorsOfPartnershipOrOwnPartner_AllowedNarrowed(string scopeType, string? scope)
    {
        var decision = _access.Indicators(North, Query(scopeType, scope));

        Assert.Null(decision.Refusal);
        Assert.Equal("north-trust", decision.OnlyPartner);
    }

    [Fact]
    public void PartnerUser_Submissions_OwnRowOnly()
    {
        var decision = _access.Submissions(North);

        Assert.True(decision.MaySeePartner("north-trust"));
        Assert.False(decision.MaySeePartner("sunrise-care"));
    }

    [Theory]
    [InlineData("north-trust")]
    [InlineData("sunrise-care")]
    public void PartnerUser_IngestionLogs_403CoordinatorsOnly(string partner)
    {
        Assert.Equal(403, _access.PartnerIngestions(North, partner).Refusal?.StatusCode);
    }

    [Fact]
    public async Task Refusal_Body_ProblemDocumentWithTheReason()
    {
        var refusal = _access.PartnerIngestions(North, "sunrise-care").Refusal!;
        using var body = new MemoryStream();
        await refusal.WriteBodyAsync(body, CancellationToken.None);

        Assert.Equal(ServingResponse.ProblemType, refusal.ContentType);
        var text = System.Text.Encoding.UTF8.GetString(body.ToArray());
        Assert.Contains("\"status\":403", text, StringComparison.Ordinal);
        Assert.Contains("rfc9110#section-15.5.4", text, StringComparison.Ordinal);
        Assert.Contains("Partners' ingestion logs are for coordinators only.", text, StringComparison.Ordinal);
    }

    private sealed class RecordingLogger : ILogger<ServingAccess>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
