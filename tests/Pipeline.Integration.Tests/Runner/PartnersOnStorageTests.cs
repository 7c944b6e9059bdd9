using System.Text.RegularExpressions;
using Pipeline.Integration.Tests.Storage;
using Pipeline.Runner;

namespace Pipeline.Integration.Tests.Runner;

public class PartnersOnStorageTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("partners-").FullName;

    [Fact]
    public async Task RunAsync_PartnersImportWithStorage_WritesTheRegistryToTheAccount()
    {
        var id = $"t-{Guid.NewGuid():N}"[..24];
        var csv = Path.Combine(_folder, "partners.csv");
        await File.WriteAllTextAsync(csv, $"id,name,sector,active\n{id},Test Trust {id},nhs_trust,yes\n");
        var connection = Azurite.ConnectionString;

        var imported = await RunnerApp.RunAsync(["partners", "import", csv, "--storage", connection]);
        var listed = await RunnerApp.RunAsync(["partners", "list", "--storage", connection]);

        Assert.Equal(RunnerApp.Ok, imported);
        Assert.Equal(RunnerApp.Ok, listed);
        var row = await Azurite.Connect().Tables.GetAsync(PartnerRegistry.Table, "partner", id, CancellationToken.None);
        Assert.NotNull(row);
        Assert.Equal($"Test Trust {id}", row["name"]);
        Assert.Equal("nhs_trust", row["sector"]);
        Assert.Equal("true", row["active"]);
        Assert.False(File.Exists(Path.Combine(Environment.CurrentDirectory, "lake", "_tables", PartnerRegistry.Table, "partner", id + ".json")));
    }

    [Fact]
    public async Task RunAsync_LakeAndStorageTogether_IsAUsageError()
    {
        var exit = await RunnerApp.RunAsync(["partners", "list", "--lake", _folder, "--storage", Azurite.ConnectionString]);

        Assert.Equal(RunnerApp.UsageOrSystemError, exit);
    }

    [Fact]
    public async Task RunAsync_StorageNotAConnectionString_IsAUsageError()
    {
        var exit = await RunnerApp.RunAsync(["partners", "list", "--storage", "not a connection string"]);

        Assert.Equal(RunnerApp.UsageOrSystemError, exit);
    }

    [Fact]
    public async Task RunAsync_StorageUnreachable_IsASystemError()
    {
        var unreachable = Regex.Replace(Azurite.ConnectionString, @"127\.0\.0\.1:\d+", $"127.0.0.1:{LoopbackPorts.Free()}");

        var exit = await RunnerApp.RunAsync(["partners", "list", "--storage", unreachable]);

        Assert.Equal(RunnerApp.UsageOrSystemError, exit);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
