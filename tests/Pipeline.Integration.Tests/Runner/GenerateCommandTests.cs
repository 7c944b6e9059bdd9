using Pipeline.Runner;

namespace Pipeline.Integration.Tests.Runner;

public class GenerateCommandTests
{
    [Fact]
    public async Task RunAsync_Generate_WritesPartnersManifestAndUploads()
    {
        var dir = Path.Combine(Path.GetTempPath(), "generate-cli-" + Guid.NewGuid().ToString("N"));
        try
        {
            var exit = await RunnerApp.RunAsync(["generate", "--partners", "3", "--months", "2", "--out", dir, "--quiet"]);

            Assert.Equal(RunnerApp.Ok, exit);
            Assert.True(File.Exists(Path.Combine(dir, "partners.csv")));
            using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "manifest.json")));
            var files = manifest.RootElement.GetProperty("files").EnumerateArray().ToList();
            Assert.Equal(6, files.Count(f => f.GetProperty("dataset").GetString() == "vacancies" && f.GetProperty("expected").GetString() == "accepted"));
            Assert.All(files, f => Assert.True(File.Exists(Path.Combine(dir, f.GetProperty("path").GetString()!))));
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, true);
            }
        }
    }

    [Fact]
    public async Task RunAsync_GenerateWithoutOut_IsAUsageError()
    {
        var exit = await RunnerApp.RunAsync(["generate", "--partners", "3", "--quiet"]);
        Assert.Equal(RunnerApp.UsageOrSystemError, exit);
    }
}
