using System.Text.RegularExpressions;

namespace Pipeline.Infra.Tests;

[Collection(CompiledTemplateCollection.Name)]
public sealed partial class RoleAssignmentTests(CompiledTemplate template)
{
    private static readonly Dictionary<string, string[]> AllowedRoles = new()
    {
        ["app"] =
        [
            Roles.StorageBlobDataOwner, Roles.StorageBlobDataContributor, Roles.StorageQueueDataContributor,
            Roles.StorageTableDataContributor, Roles.KeyVaultSecretsUser, Roles.MonitoringMetricsPublisher,
        ],
        ["partner"] = [Roles.StorageBlobDataContributor, Roles.StorageBlobDataReader],
        ["coordinators"] = [Roles.StorageBlobDataReader],
        ["bi"] = [Roles.StorageBlobDataReader],
        ["operator"] = [Roles.KeyVaultSecretsOfficer, Roles.StorageTableDataContributor],
    };

    private IReadOnlyList<ArmResource> Assignments => template.OfType("Microsoft.Authorization/roleAssignments").ToList();

    [Fact]
    public void RoleAssignments_Deployed_EveryPrincipalKind()
    {
        Assert.Equal(AllowedRoles.Keys.Order(), Assignments.Select(PrincipalKind).Distinct().Order());
    }

    [Fact]
    public void RoleAssignments_Scope_ANamedResourceNeverTheGroupOrSubscription()
    {
        Assert.All(Assignments, a =>
        {
            var scope = a.Text("scope");
            Assert.NotNull(scope);
            Assert.Matches(@"^\[resourceId\('Microsoft\.(Storage|KeyVault|Insights)/", scope);
        });
    }

    [Fact]
    public void RoleAssignments_Name_GuidOfScopePrincipalAndRole()
    {
        Assert.All(Assignments, a =>
        {
            var scope = a.Text("scope")![1..^1];
            var role = ArmResource.VariableNames(a.Properties!["roleDefinitionId"]!.GetValue<string>()).Single();
            Assert.StartsWith($"[guid({scope}, ", a.Text("name"));
            Assert.EndsWith($", variables('{role}'))]", a.Text("name"));
        });
    }

    [Fact]
    public void RoleAssignments_Roles_WithinTheAllowListOfEachPrincipalKind()
    {
        Assert.All(Assignments, a => Assert.Contains(a.RoleDefinitionGuid(), AllowedRoles[PrincipalKind(a)]));
    }

    [Theory]
    [InlineData(Roles.Owner)]
    [InlineData(Roles.Contributor)]
    [InlineData(Roles.UserAccessAdministrator)]
    [InlineData(Roles.StorageAccountContributor)]
    public void RoleAssignments_ManagementRole_NeverAssigned(string role)
    {
        Assert.DoesNotContain(Assignments, a => a.RoleDefinitionGuid() == role);
    }

    [Fact]
    public void AppBlobDataOwner_Scope_HostAccountNotTheLake()
    {
        var owner = Assignments.Single(a => a.RoleDefinitionGuid() == Roles.StorageBlobDataOwner);
        var account = AccountParameter().Match(owner.Text("scope")!).Groups[1].Value;

        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('hostAccountName'))]", owner.Text("scope"));
        Assert.Equal(template.ModuleParameter(owner.Module, account)!.ToJsonString(), template.ModuleParameter("hostStorage", "name")!.ToJsonString());
        Assert.NotEqual(template.ModuleParameter(owner.Module, account)!.ToJsonString(), template.ModuleParameter("lake", "name")!.ToJsonString());
    }

    [Fact]
    public void AppLakeBlobAccess_Scope_EachZoneContainer()
    {
        var lakeBlob = Assignments.Single(a => PrincipalKind(a) == "app" && a.RoleDefinitionGuid() == Roles.StorageBlobDataContributor);

        Assert.StartsWith("[resourceId('Microsoft.Storage/storageAccounts/blobServices/containers', parameters('lakeAccountName'), 'default', parameters('zones')[copyIndex()])", lakeBlob.Text("scope"));
    }

    [Theory]
    [InlineData("bi", new[] { "curated", "indicators" })]
    [InlineData("coordinators", new[] { "indicators", "reports" })]
    public void ReaderGroups_Scope_OnlyTheirContainers(string kind, string[] containers)
    {
        var scoped = Assignments.Where(a => PrincipalKind(a) == kind).Select(a => ContainerOf(a)).Order();

        Assert.Equal(containers, scoped);
    }

    [Theory]
    [InlineData("raw")]
    [InlineData("quarantine")]
    [InlineData("landing")]
    public void PeopleAndBi_PersonalDataZones_NoRole(string zone)
    {
        var people = Assignments.Where(a => PrincipalKind(a) is "bi" or "coordinators" or "operator");

        Assert.DoesNotContain(people, a => a.Text("scope")!.Contains($"'{zone}'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("landing", Roles.StorageBlobDataContributor)]
    [InlineData("reports", Roles.StorageBlobDataReader)]
    public void PartnerAssignment_Condition_OwnPrefixOnly(string container, string role)
    {
        var assignment = Assignments.Single(a => PrincipalKind(a) == "partner" && ContainerOf(a) == container);
        var condition = assignment.Properties!["condition"]!.GetValue<string>();

        Assert.Equal(role, assignment.RoleDefinitionGuid());
        Assert.Equal("2.0", assignment.Properties!["conditionVersion"]!.GetValue<string>());
        Assert.Matches(@"^\[replace\(variables\('\w+'\), '\{partner\}', parameters\('partners'\)\[copyIndex\(\)\]\.id\)\]$", condition);

        var text = assignment.Variable(ArmResource.VariableNames(condition).Single())!.GetValue<string>().Replace("{partner}", "acme", StringComparison.Ordinal);
        Assert.Contains("@Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] StringStartsWith 'acme/'", text);
        Assert.Contains("@Request[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:prefix] StringStartsWith 'acme/'", text);
        Assert.DoesNotContain("StringLike", text);
        Assert.Equal(2, ComparedValues().Matches(text).Count(m => m.Groups[1].Value == "acme/"));
        Assert.All(ComparedValues().Matches(text), m => Assert.StartsWith("acme", m.Groups[1].Value));
    }

    [Fact]
    public void PartnerLandingCondition_EveryDataActionOfTheRole_Conditioned()
    {
        var assignment = Assignments.Single(a => PrincipalKind(a) == "partner" && ContainerOf(a) == "landing");
        var text = assignment.Variable(ArmResource.VariableNames(assignment.Properties!["condition"]!.GetValue<string>()).Single())!.GetValue<string>();

        // Storage Blob Data Contributor's data actions: an unnamed one would be allowed on every partner's folder.
        foreach (var action in new[] { "read", "write", "add/action", "delete", "move/action" })
        {
            Assert.Contains($"ActionMatches{{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/{action}'}}", text);
        }
    }

    private static string PrincipalKind(ArmResource assignment)
    {
        var principal = assignment.Properties!["principalId"]!.GetValue<string>();
        return principal switch
        {
            _ when principal.Contains("Microsoft.ManagedIdentity/userAssignedIdentities", StringComparison.Ordinal) => "app",
            _ when principal.Contains("parameters('partners')", StringComparison.Ordinal) => "partner",
            "[parameters('coordinatorsPrincipalId')]" => "coordinators",
            "[parameters('biReadersPrincipalId')]" => "bi",
            "[parameters('operatorPrincipalId')]" => "operator",
            _ => throw new InvalidOperationException($"A role assignment to an unknown principal: {principal}"),
        };
    }

    private static string ContainerOf(ArmResource assignment)
    {
        var match = ContainerScope().Match(assignment.Text("scope")!);
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"Not a container scope: {assignment.Text("scope")}");
    }

    [GeneratedRegex(@"^\[resourceId\('Microsoft\.Storage/storageAccounts/blobServices/containers', parameters\('\w+'\), 'default', '([a-z-]+)'\)\]$")]
    private static partial Regex ContainerScope();

    [GeneratedRegex(@"parameters\('(\w+)'\)")]
    private static partial Regex AccountParameter();

    [GeneratedRegex(@"String(?:StartsWith|Equals) '([^']*)'")]
    private static partial Regex ComparedValues();
}
