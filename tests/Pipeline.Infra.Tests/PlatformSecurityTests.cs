namespace Pipeline.Infra.Tests;

[Collection(CompiledTemplateCollection.Name)]
public sealed class PlatformSecurityTests(CompiledTemplate template)
{
    [Theory]
    [InlineData("listKeys")]
    [InlineData("listAccountSas")]
    [InlineData("listServiceSas")]
    [InlineData("listConnectionStrings")]
    [InlineData("AccountKey=")]
    public void Template_KeyRetrieval_Nowhere(string text)
    {
        Assert.DoesNotContain(text, template.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void KeyVault_Authorisation_RbacOnlyWithoutAccessPolicies()
    {
        var vault = template.Resource("Microsoft.KeyVault/vaults", "keyVault").Properties!;

        Assert.True(vault["enableRbacAuthorization"]!.GetValue<bool>());
        Assert.Empty(vault["accessPolicies"]?.AsArray() ?? []);
        Assert.True(vault["enableSoftDelete"]!.GetValue<bool>());
        Assert.Empty(template.OfType("Microsoft.KeyVault/vaults/accessPolicies"));
    }

    [Fact]
    public void KeyVault_Secrets_NoneInTheTemplate()
    {
        Assert.Empty(template.OfType("Microsoft.KeyVault/vaults/secrets"));
    }

    [Fact]
    public void ApplicationInsights_LocalAuth_Disabled()
    {
        var insights = template.Resource("Microsoft.Insights/components", "monitoring").Properties!;

        Assert.True(insights["DisableLocalAuth"]!.GetValue<bool>());
        Assert.NotNull(insights["WorkspaceResourceId"]);
    }

    [Fact]
    public void LogAnalytics_LocalAuth_Disabled()
    {
        var workspace = template.Resource("Microsoft.OperationalInsights/workspaces", "monitoring").Properties!;

        Assert.True(workspace["features"]!["disableLocalAuth"]!.GetValue<bool>());
    }

    [Fact]
    public void EventGridSystemTopic_Source_TheLakeAccount()
    {
        var topic = template.Resource("Microsoft.EventGrid/systemTopics", "eventGrid").Properties!;

        Assert.Equal("Microsoft.Storage.StorageAccounts", topic["topicType"]!.GetValue<string>());
        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('lakeAccountName'))]", topic["source"]!.GetValue<string>());
        Assert.Equal(template.ModuleParameter("lake", "name")!.ToJsonString(), template.ModuleParameter("eventGrid", "lakeAccountName")!.ToJsonString());
    }
}
