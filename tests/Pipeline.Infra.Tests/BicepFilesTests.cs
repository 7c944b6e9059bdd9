namespace Pipeline.Infra.Tests;

public sealed class BicepFilesTests
{
    [Fact]
    public async Task Lint_EveryBicepFile_NoDiagnostics()
    {
        var result = await BicepCli.RunAsync("lint", "--pattern", "infra/**/*.bicep");

        Assert.Equal([], result.Diagnostics);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void BicepConfig_LinterRules_RaisedToError()
    {
        var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Infra, "bicepconfig.json")))!;
        var rules = config["analyzers"]!["core"]!["rules"]!.AsObject();

        foreach (var rule in new[] { "no-unused-params", "secure-secrets-in-params", "outputs-should-not-contain-secrets", "no-hardcoded-env-urls", "use-secure-value-for-secure-inputs" })
        {
            Assert.Equal("error", rules[rule]?["level"]?.GetValue<string>());
        }
    }

    [Fact]
    public void ParametersFile_EveryParameter_DeclaredByMainBicep()
    {
        var parameters = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Infra, "main.parameters.json")))!["parameters"]!.AsObject();
        var main = File.ReadAllText(Path.Combine(Repository.Infra, "main.bicep"));

        Assert.NotEmpty(parameters);
        foreach (var (name, _) in parameters)
        {
            Assert.Matches($@"(?m)^param {name} ", main);
        }
    }
}

[Collection(CompiledTemplateCollection.Name)]
public sealed class BicepBuildTests(CompiledTemplate template)
{
    [Fact]
    public void Build_EveryBicepFile_CompilesWithoutDiagnostics()
    {
        var sources = Directory.GetFiles(Repository.Infra, "*.bicep", SearchOption.AllDirectories)
            .Select(f => Path.ChangeExtension(Path.GetRelativePath(Repository.Infra, f), ".json")).Order();
        var compiled = Directory.GetFiles(template.OutputFolder, "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(template.OutputFolder, f)).Order();

        Assert.Equal([], template.Build.Diagnostics);
        Assert.Equal(0, template.Build.ExitCode);
        Assert.Equal(sources, compiled);
    }
}
