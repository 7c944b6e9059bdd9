using System.Reflection;

namespace Pipeline.Infra.Tests;

/// <summary>Where things are, as the build recorded them in this assembly's metadata.</summary>
internal static class Repository
{
    public static string Root { get; } = Metadata("RepositoryRoot");

    public static string Infra { get; } = Path.Combine(Root, "infra");

    public static string BicepPackage { get; } = Metadata("BicepCli");

    /// <summary>The functions.metadata the Functions SDK wrote when it built the Function App (same configuration and framework as this build).</summary>
    public static string FunctionsMetadata()
    {
        var path = Path.Combine(Root, "functions", "Pipeline.Functions", "bin", Metadata("Configuration"), Metadata("TargetFramework"), "functions.metadata");
        return File.Exists(path) ? path : throw new FileNotFoundException("Pipeline.Functions is not built.", path);
    }

    private static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata {key} is missing.");
}
