namespace Pipeline.Core.Tests.Access;

public sealed class CallerResolverTests : IDisposable
{
    private readonly TestLake _lake = new();
    private readonly PartnerRegistry _registry;
    private readonly CallerResolver _resolver;

    public CallerResolverTests()
    {
        _registry = _lake.Get<PartnerRegistry>();
        _registry.SaveAsync(new Partner("north-trust", "North", "nhs_trust", true) { EntraGroup = Principals.NorthGroup }, default).GetAwaiter().GetResult();
        _registry.SaveAsync(new Partner("sunrise-care", "Sunrise", "care_provider", true) { Users = ["someone-else@x.example", Principals.SunriseUser.ToUpperInvariant()] }, default).GetAwaiter().GetResult();
        _registry.SaveAsync(new Partner("city-council", "City", "local_authority", true), default).GetAwaiter().GetResult();
        _resolver = new CallerResolver(_registry, new AccessOptions());
    }

    public void Dispose() => _lake.Dispose();

    private Task<Caller> ResolveAsync(string? header) => _resolver.ResolveAsync(ClientPrincipal.Parse(header), CancellationToken.None);

    [Fact]
    public async Task Resolve_NoPrincipal_Anonymous()
    {
        Assert.Same(Caller.Anonymous, await ResolveAsync(null));
    }

    [Fact]
    public async Task Resolve_CoordinatorRole_Coordinator()
    {
        var caller = Assert.IsType<Caller.Coordinator>(await ResolveAsync(Principals.Coordinator));

        Assert.Equal("coordinator cora.ordinator@partnership.example (0c0a0000-0000-0000-0000-00000000c001)", caller.Identity);
    }

    [Fact]
    public async Task Resolve_CoordinatorRoleRenamed_FollowsTheSetting()
    {
        var resolver = new CallerResolver(_registry, new AccessOptions { CoordinatorRole = "Partnership.Lead" });

        Assert.IsType<Caller.WithoutAccess>(await resolver.ResolveAsync(ClientPrincipal.Parse(Principals.Coordinator), default));
        Assert.IsType<Caller.Coordinator>(await resolver.ResolveAsync(ClientPrincipal.Parse(Principals.Header("o", "n", roles: ["partnership.lead"])), default));
    }

    /// <summary>A member of north-trust's Entra ID group; a user named (in another case) in sunrise-care's user list.</summary>
    public static TheoryData<string, string> PartnerUsers() => new()
    {
        { Principals.NorthUser, "north-trust" },
        { Principals.Sunrise, "sunrise-care" },
    };

    [Theory]
    [MemberData(nameof(PartnerUsers))]
    public async Task Resolve_MemberOfThePartnersGroupOrNamedInItsUserList_ThatPartnersUser(string principal, string partner)
    {
        var caller = Assert.IsType<Caller.PartnerUser>(await ResolveAsync(principal));

        Assert.Equal(partner, caller.PartnerId);
    }

    [Fact]
    public async Task Resolve_NamedByObjectId_ThatPartnersUser()
    {
        await _registry.SaveAsync(new Partner("city-council", "City", "local_authority", true) { Users = ["0d0d0000-0000-0000-0000-00000000d001"] }, default);

        Assert.Equal("city-council", Assert.IsType<Caller.PartnerUser>(await ResolveAsync(Principals.Stranger)).PartnerId);
    }

    [Fact]
    public async Task Resolve_InNoPartnerWithoutTheRole_SignedInWithoutAccess()
    {
        var caller = Assert.IsType<Caller.WithoutAccess>(await ResolveAsync(Principals.Stranger));

        Assert.Contains("not a coordinator", caller.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_ListedByTwoPartners_WithoutAccessNamingThem()
    {
        await _registry.SaveAsync(new Partner("city-council", "City", "local_authority", true) { EntraGroup = Principals.NorthGroup }, default);

        var caller = Assert.IsType<Caller.WithoutAccess>(await ResolveAsync(Principals.NorthUser));

        Assert.Contains("more than one partner (city-council, north-trust)", caller.Reason, StringComparison.Ordinal);
    }
}
