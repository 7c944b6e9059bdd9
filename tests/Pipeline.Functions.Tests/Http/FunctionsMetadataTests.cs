namespace Pipeline.Functions.Tests.Http;

public sealed class FunctionsMetadataTests
{
    [Theory]
    [InlineData("GetIndicators", "indicators")]
    [InlineData("GetSubmissions", "submissions")]
    [InlineData("GetPartnerIngestions", "partners/{id}/ingestions")]
    [InlineData("Dashboard", "dashboard")]
    [InlineData("GetUnmapped", "unmapped")]
    [InlineData("UploadPage", "upload")]
    [InlineData("GetMyUploads", "my/uploads")]
    [InlineData("GetReport", "reports/{partner}/{dataset}/{file}")]
    public void FunctionsMetadata_HttpFunction_IsAnonymousGetOnItsRoute(string name, string route)
    {
        var trigger = FunctionsMetadata.Binding(name, "httpTrigger");

        Assert.Equal(route, trigger.GetProperty("route").GetString());
        // No function key: built-in authentication signs people in and the function checks the caller.
        Assert.Equal("anonymous", trigger.GetProperty("authLevel").GetString(), ignoreCase: true);
        Assert.Equal(["get"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()));
    }

    [Fact]
    public void FunctionsMetadata_ReprocessUploads_IsAnonymousPostOnly() => AssertAnonymousPost("ReprocessUploads", "reprocess");

    [Fact]
    public void FunctionsMetadata_PostUpload_IsAnonymousPostOnTheUploadsRoute() => AssertAnonymousPost("PostUpload", "uploads/{dataset}");

    private static void AssertAnonymousPost(string name, string route)
    {
        var trigger = FunctionsMetadata.Binding(name, "httpTrigger");

        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal("anonymous", trigger.GetProperty("authLevel").GetString(), ignoreCase: true);
        Assert.Equal(["post"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()));
    }
}
