using System.Text.Json.Nodes;

namespace Pipeline.Infra.Tests;

/// <summary>
/// The Function App's app settings as the compiled template declares them: the literal objects
/// merged into the appsettings resource by name, and the computed ones (the feeds list) as expressions.
/// </summary>
internal sealed class AppSettings
{
    private AppSettings(IReadOnlyDictionary<string, string> literal, IReadOnlyList<string> computed)
    {
        Literal = literal;
        Computed = computed;
    }

    public IReadOnlyDictionary<string, string> Literal { get; }

    public IReadOnlyList<string> Computed { get; }

    public static AppSettings Of(CompiledTemplate template)
    {
        var config = template.OfType("Microsoft.Web/sites/config").Single(c => c.Text("name")!.EndsWith("'appsettings')]", StringComparison.Ordinal));
        var literal = new Dictionary<string, string>(StringComparer.Ordinal);
        var computed = new List<string>();
        foreach (var part in Parts(config))
        {
            if (part is JsonObject settings)
            {
                foreach (var (name, value) in settings)
                {
                    literal.Add(name, value!.GetValue<string>());
                }
            }
            else
            {
                computed.Add(part.GetValue<string>());
            }
        }
        return new AppSettings(literal, computed);
    }

    private static IEnumerable<JsonNode> Parts(ArmResource config) => config.Properties switch
    {
        JsonObject settings => [settings],
        JsonValue expression => ArmResource.VariableNames(expression.GetValue<string>()).Select(v => config.Variable(v)!),
        _ => throw new InvalidOperationException("appsettings has no properties"),
    };
}
