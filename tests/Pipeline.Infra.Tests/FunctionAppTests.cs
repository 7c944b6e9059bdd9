namespace Pipeline.Infra.Tests;

[Collection(CompiledTemplateCollection.Name)]
public sealed class FunctionAppTests(CompiledTemplate template)
{
    private ArmResource Site => template.Resource("Microsoft.Web/sites", "api");

    [Fact]
    public void Plan_Sku_FlexConsumptionFC1()
    {
        var sku = template.Resource("Microsoft.Web/serverfarms", "api").Json["sku"]!;

        Assert.Equal("FC1", sku["name"]!.GetValue<string>());
        Assert.Equal("FlexConsumption", sku["tier"]!.GetValue<string>());
    }

    [Fact]
    public void FunctionApp_Runtime_DotnetIsolated10()
    {
        var runtime = Site.Properties!["functionAppConfig"]!["runtime"]!;

        Assert.Equal("dotnet-isolated", runtime["name"]!.GetValue<string>());
        Assert.Equal("10.0", runtime["version"]!.GetValue<string>());
        Assert.Equal("functionapp,linux", Site.Text("kind"));
    }

    [Fact]
    public void FunctionApp_DeploymentStorage_AuthenticatedByUserAssignedIdentity()
    {
        var storage = Site.Properties!["functionAppConfig"]!["deployment"]!["storage"]!;

        Assert.Equal("blobContainer", storage["type"]!.GetValue<string>());
        Assert.Equal("UserAssignedIdentity", storage["authentication"]!["type"]!.GetValue<string>());
        Assert.Equal("[parameters('identityId')]", storage["authentication"]!["userAssignedIdentityResourceId"]!.GetValue<string>());
        Assert.NotNull(Site.Properties!["functionAppConfig"]!["scaleAndConcurrency"]);
    }

    [Fact]
    public void FunctionApp_Identity_UserAssignedOnlyAndUsedForKeyVaultReferences()
    {
        var identity = Site.Json["identity"]!;

        Assert.Equal("UserAssigned", identity["type"]!.GetValue<string>());
        Assert.Equal("[parameters('identityId')]", Site.Properties!["keyVaultReferenceIdentity"]!.GetValue<string>());
    }

    [Fact]
    public void FunctionApp_Transport_HttpsOnlyTls12NoFtp()
    {
        Assert.True(Site.Properties!["httpsOnly"]!.GetValue<bool>());
        Assert.Equal("1.2", Site.Properties!["siteConfig"]!["minTlsVersion"]!.GetValue<string>());
        Assert.Equal("Disabled", Site.Properties!["siteConfig"]!["ftpsState"]!.GetValue<string>());
    }

    [Fact]
    public void FunctionApp_BasicPublishingCredentials_Disallowed()
    {
        var policies = template.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();

        Assert.Equal(2, policies.Count);
        Assert.All(policies, p => Assert.False(p.Properties!["allow"]!.GetValue<bool>()));
    }
}
