using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Pipeline.Infra.Tests;

/// <summary>
/// Every .bicep file under infra/ compiled to ARM JSON once for the whole test run; main.bicep's
/// template with the resources of every nested module deployment flattened so tests can look at
/// them by type.
/// </summary>
public sealed partial class CompiledTemplate : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pipeline-infra-" + Guid.NewGuid().ToString("N"));

    /// <summary>What <c>bicep build</c> said and did for all the files.</summary>
    public BicepCli.Result Build { get; private set; } = new(-1, "");

    /// <summary>The compiled files, mirroring infra/'s folders.</summary>
    public string OutputFolder => _folder;

    public JsonObject Main { get; private set; } = [];

    public string Text { get; private set; } = "";

    public IReadOnlyList<ArmResource> Resources { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        Build = await BicepCli.RunAsync("build", "--pattern", "infra/**/*.bicep", "--outdir", _folder);
        var main = Path.Combine(_folder, "main.json");
        if (!File.Exists(main))
        {
            throw new InvalidOperationException($"bicep build did not compile main.bicep ({Build.ExitCode}):\n{Build.Output}");
        }
        Text = await File.ReadAllTextAsync(main);
        Main = JsonNode.Parse(Text)!.AsObject();
        var resources = new List<ArmResource>();
        Collect(Main, module: "", parent: null, resources);
        Resources = resources;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    public IEnumerable<ArmResource> OfType(string type) => Resources.Where(r => r.Type == type);

    public ArmResource Resource(string type, string module) => Resources.Single(r => r.Type == type && r.Module == module);

    public JsonObject Deployment(string module) =>
        Resources.Single(r => r.Type == "Microsoft.Resources/deployments" && r.Json["name"]?.GetValue<string>() == module).Json;

    /// <summary>
    /// What a module parameter is given, followed through main.bicep's parameters (their defaults)
    /// and variables, so a test sees the value a default deployment gets.
    /// </summary>
    public JsonNode? ModuleParameter(string module, string parameter)
    {
        var value = Deployment(module)["properties"]!["parameters"]![parameter]?["value"];
        return value is JsonValue v && v.TryGetValue<string>(out var text) ? ResolveInMain(text) ?? value : value;
    }

    private JsonNode? ResolveInMain(string expression)
    {
        var match = SimpleReference().Match(expression);
        if (!match.Success)
        {
            return null;
        }
        return match.Groups["kind"].Value == "parameters"
            ? Main["parameters"]![match.Groups["name"].Value]!["defaultValue"]
            : Main["variables"]![match.Groups["name"].Value];
    }

    private static void Collect(JsonObject template, string module, ArmResource? parent, List<ArmResource> into)
    {
        foreach (var resource in ArmResource.ResourcesOf(template))
        {
            var item = new ArmResource(module, template, resource, parent);
            into.Add(item);
            if (item.Type == "Microsoft.Resources/deployments")
            {
                Collect(resource["properties"]!["template"]!.AsObject(), resource["name"]!.GetValue<string>(), item, into);
            }
        }
    }

    [GeneratedRegex(@"^\[(?<kind>parameters|variables)\('(?<name>[^']+)'\)\]$")]
    private static partial Regex SimpleReference();
}

/// <summary>One resource of the compiled template, with the template (module) that declares it.</summary>
public sealed partial record ArmResource(string Module, JsonObject Template, JsonObject Json, ArmResource? Deployment)
{
    public string Type => Json["type"]!.GetValue<string>();

    public JsonNode? Properties => Json["properties"];

    public string? Text(string property) => Json[property]?.GetValue<string>();

    /// <summary>A variable of the declaring template, or null.</summary>
    public JsonNode? Variable(string name) => Template["variables"]?[name];

    /// <summary>The names in every <c>variables('...')</c> of an expression, in order.</summary>
    public static IReadOnlyList<string> VariableNames(string expression) =>
        VariableReference().Matches(expression).Select(m => m.Groups[1].Value).ToList();

    /// <summary>The expression naming a role assignment's role: a variable holding a built-in role's GUID, or a custom role's name.</summary>
    public string RoleArgument()
    {
        var expression = Properties!["roleDefinitionId"]!.GetValue<string>();
        var match = RoleDefinitionId().Match(expression);
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"Not a role definition id: {expression}");
    }

    /// <summary>A built-in role's GUID, or null when the assignment names a custom role of its template.</summary>
    public string? BuiltInRole()
    {
        var names = VariableNames(RoleArgument());
        return names.Count == 1 ? Variable(names[0])!.GetValue<string>() : null;
    }

    /// <summary>The custom role definition of the same template that the assignment names, or null for a built-in role.</summary>
    public JsonObject? CustomRole() =>
        BuiltInRole() is null
            ? ResourcesOf(Template).Single(r => r["type"]!.GetValue<string>() == "Microsoft.Authorization/roleDefinitions" && r["name"]!.GetValue<string>() == $"[{RoleArgument()}]")
            : null;

    // languageVersion 2.0 templates keep resources in an object keyed by symbolic name, older ones in an array.
    public static IEnumerable<JsonObject> ResourcesOf(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.Select(r => r!.AsObject()),
        JsonObject byName => byName.Select(pair => pair.Value!.AsObject()),
        _ => [],
    };

    [GeneratedRegex(@"^\[subscriptionResourceId\('Microsoft\.Authorization/roleDefinitions', (.+)\)\]$")]
    private static partial Regex RoleDefinitionId();

    [GeneratedRegex(@"variables\('([^']+)'\)")]
    private static partial Regex VariableReference();
}

[CollectionDefinition(Name)]
public sealed class CompiledTemplateCollection : ICollectionFixture<CompiledTemplate>
{
    public const string Name = "Compiled main.bicep";
}
