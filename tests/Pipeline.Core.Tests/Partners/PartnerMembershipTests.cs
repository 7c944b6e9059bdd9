namespace Pipeline.Core.Tests.Partners;

public sealed class PartnerMembershipTests : IDisposable
{
    private readonly TestLake _lake = new();

    public void Dispose() => _lake.Dispose();

    private string Csv(string text)
    {
        var path = Path.Combine(Directory.CreateDirectory(_lake.Root).FullName, "partners.csv");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void PartnerCsv_WithoutMembershipColumns_ReadsAsBeforeWithNoUsers()
    {
        var partner = Assert.Single(PartnerCsv.Read(Csv("id,name,sector,active\nnorth-trust,North,nhs_trust,yes\n")));

        Assert.Equal(new Partner("north-trust", "North", "nhs_trust", true), partner);
        Assert.Null(partner.EntraGroup);
        Assert.Empty(partner.Users);
    }

    [Fact]
    public void PartnerCsv_MembershipColumns_GroupAndUsersSplitOnSemicolons()
    {
        var partners = PartnerCsv.Read(Csv(
            "id,name,sector,active,entra_group,users\n"
            + "north-trust,North,nhs_trust,yes,6f1c2a52-0b8e-4a57-9d0e-5b1f6c1a0001,\n"
            + "sunrise-care,Sunrise,care_provider,yes,,\"ana@sunrise.example; 0b0b0000-0000-0000-0000-00000000b001\"\n"));

        Assert.Equal("6f1c2a52-0b8e-4a57-9d0e-5b1f6c1a0001", partners[0].EntraGroup);
        Assert.Empty(partners[0].Users);
        Assert.Null(partners[1].EntraGroup);
        Assert.Equal(["ana@sunrise.example", "0b0b0000-0000-0000-0000-00000000b001"], partners[1].Users);
    }

    [Fact]
    public async Task Registry_Membership_KeptAndFoundAgain()
    {
        var registry = _lake.Get<PartnerRegistry>();
        await registry.SaveAsync(new Partner("north-trust", "North", "nhs_trust", true) { EntraGroup = "g-north", Users = ["a@x.example", "b@x.example"] }, default);
        await registry.SaveAsync(new Partner("city-council", "City", "local_authority", true), default);

        var north = (await registry.FindAsync("north-trust", default))!;
        var city = (await registry.FindAsync("city-council", default))!;

        Assert.Equal("g-north", north.EntraGroup);
        Assert.Equal(["a@x.example", "b@x.example"], north.Users);
        Assert.Null(city.EntraGroup);
        Assert.Empty(city.Users);
        Assert.Equal(["north-trust"], (await registry.PartnersOfAsync(["B@X.example"], [], default)).Select(p => p.Id));
        Assert.Equal(["north-trust"], (await registry.PartnersOfAsync([], ["g-north"], default)).Select(p => p.Id));
        Assert.Empty(await registry.PartnersOfAsync(["c@x.example"], ["g-other"], default));
    }
}
