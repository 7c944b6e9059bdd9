using System.Reflection;

namespace Pipeline.Infra.Tests;

/// <summary>Where things are, as the build recorded them in this assembly's metadata.</summary>
internal static class Repository
{
    public static string Root { get; } = Metadata("RepositoryRoot");

    public static string Infra { get; } = Path.Combine(Root, "infra");

    public static string BicepPackage { get; } = Metadata("BicepCli");

    public static string Configuration { get; } = Metadata("Configuration");

    /// <summary>The functions.metadata the Functions SDK wrote when it built the Function App.</summary>
    public static string FunctionsMetadata()
    {
        var bin = Path.Combine(Root, "functions", "Pipeline.Functions", "bin", Configuration);
        var found = Directory.Exists(bin)
            ? Directory.GetFiles(bin, "functions.metadata", SearchOption.AllDirectories)
            : [];
        return found.Length == 1
            ? found[0]
            : throw new FileNotFoundException($"Expected one functions.metadata under {bin}; found {found.Length}. Is Pipeline.Functions built?");
    }

    private static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata {key} is missing.");
}
