using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Pipeline.Infra.Tests;

/// <summary>
/// The app settings a Function App's bindings need, read from the functions.metadata the Functions
/// SDK generates: identity-based connection settings per binding type, and every %Setting%
/// expression (timer schedules, paths, queue names).
/// </summary>
internal static partial class BindingSettings
{
    private const string DefaultConnection = "AzureWebJobsStorage";

    // The blob trigger also keeps poison-blob messages in a queue of the same connection.
    private static readonly Dictionary<string, string[]> ServiceUris = new(StringComparer.OrdinalIgnoreCase)
    {
        ["blobTrigger"] = ["blobServiceUri", "queueServiceUri"],
        ["blob"] = ["blobServiceUri"],
        ["queueTrigger"] = ["queueServiceUri"],
        ["queue"] = ["queueServiceUri"],
        ["table"] = ["tableServiceUri"],
    };

    public static IReadOnlySet<string> Required(JsonArray functions)
    {
        var required = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var binding in functions.SelectMany(f => f!["bindings"]!.AsArray()).Select(b => b!.AsObject()))
        {
            if (ServiceUris.TryGetValue(binding["type"]!.GetValue<string>(), out var uris))
            {
                var connection = binding["connection"]?.GetValue<string>() ?? DefaultConnection;
                foreach (var suffix in uris.Append("credential").Append("clientId"))
                {
                    required.Add($"{connection}__{suffix}");
                }
            }
            foreach (Match match in SettingExpression().Matches(binding.ToJsonString()))
            {
                required.Add(match.Groups[1].Value);
            }
        }
        return required;
    }

    /// <summary>Storage containers and queues the bindings name (a blob path's first segment, a queue name).</summary>
    public static IReadOnlySet<string> Containers(JsonArray functions, string bindingType, string property) =>
        functions.SelectMany(f => f!["bindings"]!.AsArray())
            .Where(b => string.Equals(b!["type"]!.GetValue<string>(), bindingType, StringComparison.OrdinalIgnoreCase))
            .Select(b => b![property]!.GetValue<string>().Split('/')[0])
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex("%([A-Za-z0-9_:.-]+)%")]
    private static partial Regex SettingExpression();
}
