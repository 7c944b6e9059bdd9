namespace Pipeline.Functions.Tests.Http;

public sealed class FunctionsMetadataTests
{
    [Theory]
    [InlineData("GetIndicators", "indicators")]
    [InlineData("GetSubmissions", "submissions")]
    [InlineData("GetPartnerIngestions", "partners/{id}/ingestions")]
    [InlineData("Dashboard", "dashboard")]
    [InlineData("GetUnmapped", "unmapped")]
    public void FunctionsMetadata_HttpFunction_IsGetOnItsRouteWithFunctionKey(string name, string route)
    {
        var trigger = FunctionsMetadata.Binding(name, "httpTrigger");

        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal("function", trigger.GetProperty("authLevel").GetString(), ignoreCase: true);
        Assert.Equal(["get"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()));
    }

    [Fact]
    public void FunctionsMetadata_ReprocessUploads_IsPostOnlyWithFunctionKey()
    {
        var trigger = FunctionsMetadata.Binding("ReprocessUploads", "httpTrigger");

        Assert.Equal("reprocess", trigger.GetProperty("route").GetString());
        Assert.Equal("function", trigger.GetProperty("authLevel").GetString(), ignoreCase: true);
        Assert.Equal(["post"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()));
    }
}
