namespace Pipeline.Infra.Tests;

public sealed class BicepFilesTests
{
    private static readonly string[] BicepFiles =
        Directory.GetFiles(Repository.Infra, "*.bicep", SearchOption.AllDirectories);

    [Fact]
    public async Task Lint_EveryBicepFile_NoDiagnostics()
    {
        var result = await BicepCli.RunAsync("lint", "--pattern", "infra/**/*.bicep");

        Assert.Equal([], result.Diagnostics);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Build_EveryBicepFile_CompilesWithoutDiagnostics()
    {
        var output = Directory.CreateTempSubdirectory("pipeline-infra-build-");
        try
        {
            var result = await BicepCli.RunAsync("build", "--pattern", "infra/**/*.bicep", "--outdir", output.FullName);

            Assert.Equal([], result.Diagnostics);
            Assert.Equal(0, result.ExitCode);
            var compiled = Directory.GetFiles(output.FullName, "*.json", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(output.FullName, f)).Order();
            var sources = BicepFiles.Select(f => Path.ChangeExtension(Path.GetRelativePath(Repository.Infra, f), ".json")).Order();
            Assert.Equal(sources, compiled);
        }
        finally
        {
            output.Delete(recursive: true);
        }
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
