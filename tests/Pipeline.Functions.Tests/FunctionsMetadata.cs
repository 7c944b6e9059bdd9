namespace Pipeline.Functions.Tests;

/// <summary>The functions.metadata the worker SDK generated at build: what the Functions host will index.</summary>
public static class FunctionsMetadata
{
    private static readonly Lazy<JsonElement> All = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata"))).RootElement.Clone());

    public static JsonElement Function(string name) =>
        All.Value.EnumerateArray().SingleOrDefault(f => f.GetProperty("name").GetString() == name) is { ValueKind: JsonValueKind.Object } function
            ? function
            : throw new Xunit.Sdk.XunitException($"functions.metadata has no function {name}");

    public static JsonElement Binding(string function, string type) =>
        Function(function).GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == type);
}
