using System.Diagnostics;

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
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "pipeline.dll"), "demo", "--lake", Root, "--quiet" })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pipeline demo exited with {process.ExitCode}: {await output}{await errors}");
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
