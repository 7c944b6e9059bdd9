using System.Text.Json.Nodes;

namespace Pipeline.Infra.Tests;

[Collection(CompiledTemplateCollection.Name)]
public sealed class StorageTests(CompiledTemplate template)
{
    private const string Account = "Microsoft.Storage/storageAccounts";

    private IEnumerable<ArmResource> Accounts => template.OfType(Account).Where(a => a.Module is "lake" or "hostStorage");

    [Fact]
    public void StorageAccounts_Deployed_LakeAndHostAccounts()
    {
        Assert.Equal(["hostStorage", "lake"], Accounts.Select(a => a.Module).Order());
    }

    [Fact]
    public void StorageAccounts_SharedKeyAccess_Disabled()
    {
        Assert.All(Accounts, a => Assert.False(a.Properties!["allowSharedKeyAccess"]!.GetValue<bool>()));
    }

    [Fact]
    public void StorageAccounts_PublicBlobAccess_Disabled()
    {
        Assert.All(Accounts, a => Assert.False(a.Properties!["allowBlobPublicAccess"]!.GetValue<bool>()));
    }

    [Fact]
    public void StorageAccounts_Transport_HttpsOnlyWithTls12()
    {
        Assert.All(Accounts, a =>
        {
            Assert.Equal("TLS1_2", a.Properties!["minimumTlsVersion"]!.GetValue<string>());
            Assert.True(a.Properties!["supportsHttpsTrafficOnly"]!.GetValue<bool>());
        });
    }

    [Fact]
    public void LakeAccount_HierarchicalNamespace_Enabled()
    {
        Assert.True(template.Resource(Account, "lake").Properties!["isHnsEnabled"]!.GetValue<bool>());
    }

    [Fact]
    public void LakeContainers_Deployed_OneForEveryZoneOfLakePaths()
    {
        var zones = template.ModuleParameter("lake", "zones")!.AsArray().Select(z => z!.GetValue<string>());

        Assert.Equal(LakePaths.Zones.Order(), zones.Order());
        Assert.Contains("parameters('zones')[copyIndex()]", template.Resource(Account + "/blobServices/containers", "lake").Text("name"));
    }

    [Fact]
    public void Containers_PublicAccess_None()
    {
        var containers = template.OfType(Account + "/blobServices/containers").Where(c => c.Module is "lake" or "hostStorage").ToList();

        Assert.Equal(2, containers.Count);
        Assert.All(containers, c => Assert.Equal("None", c.Properties!["publicAccess"]!.GetValue<string>()));
    }

    [Fact]
    public void LakeTablesAndQueue_Deployed_NamesThePipelineUses()
    {
        var tables = template.ModuleParameter("lake", "tables")!.AsArray().Select(t => t!.GetValue<string>());
        var queues = template.ModuleParameter("lake", "queues")!.AsArray().Select(q => q!.GetValue<string>());

        Assert.Equal(new[] { "feedstate", "indicators", "ingestions", "partitions", "partners" }, tables.Order());
        Assert.Contains("indicator-recompute", queues);
    }

    [Fact]
    public void Lifecycle_RawRule_MovesToCoolAfter90Days()
    {
        var rule = Rules().Single(r => Prefixes(r).Contains("raw/"));
        var actions = rule["definition"]!["actions"]!["baseBlob"]!.AsObject();

        Assert.Equal(["tierToCool"], actions.Select(a => a.Key));
        Assert.Equal("[parameters('rawCoolAfterDays')]", actions["tierToCool"]!["daysAfterModificationGreaterThan"]!.GetValue<string>());
        Assert.Equal(90, template.ModuleParameter("lake", "rawCoolAfterDays")!.GetValue<int>());
    }

    [Theory]
    [InlineData("curated/")]
    [InlineData("indicators/")]
    [InlineData("raw/")]
    [InlineData("quarantine/")]
    [InlineData("reports/")]
    public void Lifecycle_KeptZone_NoRuleDeletes(string zone)
    {
        var deleting = Rules().Where(r => r["definition"]!["actions"]!.ToJsonString().Contains("delete", StringComparison.OrdinalIgnoreCase));

        Assert.All(deleting, r => Assert.DoesNotContain(Prefixes(r), p => p.StartsWith(zone, StringComparison.Ordinal) || zone.StartsWith(p, StringComparison.Ordinal)));
    }

    private IEnumerable<JsonNode> Rules() =>
        template.Resource(Account + "/managementPolicies", "lake").Properties!["policy"]!["rules"]!.AsArray().Select(r => r!);

    private static List<string> Prefixes(JsonNode rule) =>
        rule["definition"]!["filters"]!["prefixMatch"]?.AsArray().Select(p => p!.GetValue<string>()).ToList() ?? [""];
}
