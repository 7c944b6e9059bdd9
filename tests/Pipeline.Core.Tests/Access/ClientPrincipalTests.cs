namespace Pipeline.Core.Tests.Access;

public sealed class ClientPrincipalTests
{
    [Fact]
    public void Parse_EntraIdPrincipal_ReadsObjectIdNamesRolesAndGroups()
    {
        var principal = ClientPrincipal.Parse(Principals.Header("oid-1", "ann@example.org", roles: ["Coordinator", "Other"], groups: ["g-1", "g-2"]))!;

        Assert.Equal("oid-1", principal.ObjectId);
        Assert.Equal("ann@example.org", principal.Name);
        Assert.Equal(["ann@example.org"], principal.SignInNames);
        Assert.Equal(["Coordinator", "Other"], principal.Roles);
        Assert.Equal(["g-1", "g-2"], principal.Groups);
        Assert.Equal(["oid-1", "ann@example.org"], principal.UserIds);
        Assert.Equal("ann@example.org (oid-1)", principal.User);
    }

    [Fact]
    public void Parse_RolesUnderTheRoleTypeTheHeaderNames_AreRoles()
    {
        var json = """{"auth_typ":"aad","role_typ":"my-role","claims":[{"typ":"oid","val":"x"},{"typ":"my-role","val":"Coordinator"}]}""";

        var principal = ClientPrincipal.Parse(Convert.ToBase64String(Encoding.UTF8.GetBytes(json)))!;

        Assert.Equal(["Coordinator"], principal.Roles);
        Assert.Equal("x", principal.User);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64 at all!")]
    [InlineData("bm90IGpzb24=")]
    [InlineData("eyJjbGFpbXMiOltdfQ==")]
    public void Parse_MissingOrUnreadable_IsNoOne(string? header)
    {
        Assert.Null(ClientPrincipal.Parse(header));
    }
}
