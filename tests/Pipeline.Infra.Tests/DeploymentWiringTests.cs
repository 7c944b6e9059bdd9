using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Pipeline.Infra.Tests;

/// <summary>azure.yaml, the hook scripts and main.bicep must agree on names, or azd up fails half-way.</summary>
public sealed partial class DeploymentWiringTests
{
    private static readonly string[] Scripts = ["postprovision.sh", "postdeploy.sh"];

    private static string AzureYaml => File.ReadAllText(Path.Combine(Repository.Root, "azure.yaml"));

    [Fact]
    public void AzureYaml_ApiService_TheFunctionAppProject()
    {
        var project = YamlValue().Match(AzureYaml);

        Assert.True(project.Success);
        Assert.True(File.Exists(Path.Combine(Repository.Root, project.Groups[1].Value, "Pipeline.Functions.csproj")));
        Assert.Matches(@"(?m)^  api:\n    project: \./functions/Pipeline\.Functions\n    language: dotnet\n    host: function$", AzureYaml);
    }

    [Theory]
    [InlineData("postprovision.sh")]
    [InlineData("postdeploy.sh")]
    public void Hooks_Script_ExistsExecutableAndRunByAzd(string script)
    {
        var path = Path.Combine(Repository.Infra, "scripts", script);

        Assert.Contains($"run: ./infra/scripts/{script}", AzureYaml);
        Assert.True(File.Exists(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute));
        }
    }

    [Fact]
    public void Hooks_EnvironmentVariables_OutputsOfMainBicep()
    {
        var outputs = OutputDeclaration().Matches(File.ReadAllText(Path.Combine(Repository.Infra, "main.bicep")))
            .Select(m => m.Groups[1].Value).ToHashSet();
        var used = Scripts.SelectMany(s => RequiredVariable().Matches(File.ReadAllText(Path.Combine(Repository.Infra, "scripts", s))))
            .Select(m => m.Groups[1].Value).ToHashSet();

        Assert.NotEmpty(used);
        Assert.Subset(outputs, used);
    }

    [Fact]
    public void PostDeploy_WebhookFunction_TheBlobTriggerOfTheApp()
    {
        var script = File.ReadAllText(Path.Combine(Repository.Infra, "scripts", "postdeploy.sh"));
        var named = FunctionName().Match(script).Groups[1].Value;
        var blobTriggered = JsonNode.Parse(File.ReadAllText(Repository.FunctionsMetadata()))!.AsArray()
            .Where(f => f!["bindings"]!.AsArray().Any(b => b!["type"]!.GetValue<string>() == "blobTrigger"))
            .Select(f => f!["name"]!.GetValue<string>());

        Assert.Equal("IngestExtract", named);
        Assert.All(blobTriggered, name => Assert.Equal(named, name));
        Assert.Contains("--subject-begins-with /blobServices/default/containers/landing/", script);
    }

    [GeneratedRegex(@"(?m)^    project: \./(.+)$")]
    private static partial Regex YamlValue();

    [GeneratedRegex(@"(?m)^output (\w+) ")]
    private static partial Regex OutputDeclaration();

    [GeneratedRegex(@"\$\{(\w+):\?")]
    private static partial Regex RequiredVariable();

    [GeneratedRegex(@"(?m)^function_name=""(\w+)""$")]
    private static partial Regex FunctionName();
}
