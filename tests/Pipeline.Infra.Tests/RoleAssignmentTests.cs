using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Pipeline.Infra.Tests;

[Collection(CompiledTemplateCollection.Name)]
public sealed partial class RoleAssignmentTests(CompiledTemplate template)
{
    private const string Blobs = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs";

    // Built-in roles each kind of principal may hold; partners hold only custom blob-data roles (checked below).
    private static readonly Dictionary<string, string[]> AllowedRoles = new()
    {
        ["app"] =
        [
            Roles.StorageBlobDataOwner, Roles.StorageBlobDataContributor, Roles.StorageQueueDataContributor,
            Roles.StorageTableDataContributor, Roles.KeyVaultSecretsUser, Roles.MonitoringMetricsPublisher,
        ],
        ["partner"] = [],
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
            Assert.StartsWith($"[guid({scope}, ", a.Text("name"));
            Assert.EndsWith($", {a.RoleArgument()})]", a.Text("name"));
        });
    }

    [Fact]
    public void RoleAssignments_BuiltInRoles_WithinTheAllowListOfEachPrincipalKind()
    {
        Assert.All(Assignments.Where(a => a.BuiltInRole() is not null), a => Assert.Contains(a.BuiltInRole(), AllowedRoles[PrincipalKind(a)]));
    }

    [Fact]
    public void RoleAssignments_CustomRoles_OnlyPartnersAndOnlyBlobDataActions()
    {
        var custom = Assignments.Where(a => a.BuiltInRole() is null).ToList();

        Assert.Equal(2, custom.Count);
        Assert.All(custom, a =>
        {
            Assert.Equal("partner", PrincipalKind(a));
            var role = a.CustomRole()!;
            var permissions = Assert.Single(role["properties"]!["permissions"]!.AsArray())!;
            Assert.Empty(permissions["actions"]!.AsArray());
            Assert.All(DataActions(a), action => Assert.Contains(action, new[] { $"{Blobs}/read", $"{Blobs}/write", $"{Blobs}/add/action", $"{Blobs}/delete", $"{Blobs}/move/action" }));
            Assert.Equal(["[resourceGroup().id]"], role["properties"]!["assignableScopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        });
    }

    [Theory]
    [InlineData(Roles.Owner)]
    [InlineData(Roles.Contributor)]
    [InlineData(Roles.UserAccessAdministrator)]
    [InlineData(Roles.StorageAccountContributor)]
    public void RoleAssignments_ManagementRole_NeverAssigned(string role)
    {
        Assert.DoesNotContain(Assignments, a => a.BuiltInRole() == role);
    }

    [Fact]
    public void AppBlobDataOwner_Scope_HostAccountNotTheLake()
    {
        var owner = Assignments.Single(a => a.BuiltInRole() == Roles.StorageBlobDataOwner);
        var account = AccountParameter().Match(owner.Text("scope")!).Groups[1].Value;

        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('hostAccountName'))]", owner.Text("scope"));
        Assert.Equal(template.ModuleParameter(owner.Module, account)!.ToJsonString(), template.ModuleParameter("hostStorage", "name")!.ToJsonString());
        Assert.NotEqual(template.ModuleParameter(owner.Module, account)!.ToJsonString(), template.ModuleParameter("lake", "name")!.ToJsonString());
    }

    [Fact]
    public void AppLakeBlobAccess_Scope_EachZoneContainer()
    {
        var lakeBlob = Assignments.Single(a => PrincipalKind(a) == "app" && a.BuiltInRole() == Roles.StorageBlobDataContributor);

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
    [InlineData("landing", new[] { "read", "write", "add/action", "delete", "move/action" })]
    [InlineData("reports", new[] { "read" })]
    public void PartnerAssignment_Condition_OwnPrefixOnly(string container, string[] actions)
    {
        var assignment = Assignments.Single(a => PrincipalKind(a) == "partner" && ContainerOf(a) == container);
        var condition = assignment.Properties!["condition"]!.GetValue<string>();

        Assert.Equal(actions.Select(a => $"{Blobs}/{a}"), DataActions(assignment));
        Assert.Equal("2.0", assignment.Properties!["conditionVersion"]!.GetValue<string>());
        Assert.Matches(@"^\[replace\(variables\('\w+'\), '\{partner\}', parameters\('partners'\)\[copyIndex\(\)\]\.id\)\]$", condition);

        var text = assignment.Variable(ArmResource.VariableNames(condition).Single())!.GetValue<string>().Replace("{partner}", "acme", StringComparison.Ordinal);
        Assert.Contains("@Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] StringStartsWith 'acme/'", text);
        Assert.Contains("@Request[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:prefix] StringStartsWith 'acme/'", text);
        Assert.DoesNotContain("StringLike", text);
        Assert.Equal(2, ComparedValues().Matches(text).Count(m => m.Groups[1].Value == "acme/"));
        Assert.All(ComparedValues().Matches(text), m => Assert.StartsWith("acme", m.Groups[1].Value));
    }

    [Theory]
    [InlineData("landing")]
    [InlineData("reports")]
    public void PartnerCondition_EveryDataActionOfTheRole_Conditioned(string container)
    {
        var assignment = Assignments.Single(a => PrincipalKind(a) == "partner" && ContainerOf(a) == container);
        var text = assignment.Variable(ArmResource.VariableNames(assignment.Properties!["condition"]!.GetValue<string>()).Single())!.GetValue<string>();

        // An action the condition does not name would be allowed on every partner's folder.
        Assert.All(DataActions(assignment), action => Assert.Contains($"ActionMatches{{'{action}'}}", text));
    }

    private static IEnumerable<string> DataActions(ArmResource assignment)
    {
        var dataActions = assignment.CustomRole()!["properties"]!["permissions"]![0]!["dataActions"]!;
        var list = dataActions is JsonValue reference ? assignment.Variable(ArmResource.VariableNames(reference.GetValue<string>()).Single())! : dataActions;
        return list.AsArray().Select(a => a!.GetValue<string>());
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
