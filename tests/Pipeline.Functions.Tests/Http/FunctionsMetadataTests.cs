using System.Text.Json;

namespace Pipeline.Functions.Tests.Http;

/// <summary>Reads the functions.metadata the worker SDK generated when the Function App was built.</summary>
public sealed class FunctionsMetadataTests
{
    [Theory]
    [InlineData("GetIndicators", "indicators")]
    [InlineData("GetSubmissions", "submissions")]
    [InlineData("GetPartnerIngestions", "partners/{id}/ingestions")]
    [InlineData("Dashboard", "dashboard")]
    public void FunctionsMetadata_HttpFunction_IsGetOnItsRouteWithFunctionKey(string name, string route)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(MetadataPath()));
        var function = document.RootElement.EnumerateArray().Single(f => f.GetProperty("name").GetString() == name);
        var trigger = function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "httpTrigger");

        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal("function", trigger.GetProperty("authLevel").GetString(), ignoreCase: true);
        Assert.Equal(["get"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()));
    }

    private static string MetadataPath()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        Assert.True(File.Exists(beside), $"functions.metadata was not copied to {AppContext.BaseDirectory}");
        return beside;
    }
}
