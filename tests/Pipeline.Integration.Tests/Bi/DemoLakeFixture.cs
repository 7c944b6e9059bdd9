namespace Pipeline.Integration.Tests.Bi;

/// <summary>
/// A lake made by <c>pipeline demo</c> (the runner's dll, in its own process) in a temporary folder:
/// every curated dataset, the LMI feeds and 18 months of indicators, as a user gets them.
/// </summary>
public sealed class DemoLakeFixture : IAsyncLifetime
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "demo-lake-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        var (exitCode, output, _) = await RunnerProcess.RunAsync(TimeSpan.FromMinutes(5), "demo", "--lake", Root, "--quiet");
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"pipeline demo exited with {exitCode}: {output}");
        }
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class DemoLakeCollection : ICollectionFixture<DemoLakeFixture>
{
    public const string Name = "demo lake";
}
