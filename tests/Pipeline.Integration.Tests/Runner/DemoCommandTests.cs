namespace Pipeline.Integration.Tests.Runner;

/// <summary>
/// <c>pipeline demo</c> as a user runs it, in its own process: it prints the partnership's indicators for
/// 18 months and says where the lake, the reports and the indicators are.
/// </summary>
public sealed class DemoCommandTests : IDisposable
{
    private readonly string _lake = Path.Combine(Path.GetTempPath(), "demo-test-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Demo_FreshFolder_PrintsEighteenMonthsAndWhereToLook()
    {
        var (exitCode, output) = await RunPipelineAsync("demo", "--lake", _lake, "--quiet");

        Assert.True(exitCode == 0, output);
        var lastMonth = Period.Of(DateTimeOffset.UtcNow).AddMonths(-1);
        var months = Enumerable.Range(0, 18).Select(i => lastMonth.AddMonths(-i).ToString()).ToList();
        Assert.All(months, month => Assert.Contains(month, output, StringComparison.Ordinal));
        Assert.All(months, month => Assert.True(File.Exists(Path.Combine(_lake, LakePaths.IndicatorsFile(month))), $"no indicators for {month}"));
        // The labour market in every month printed, at a city's volume: adverts and claimants are the table's last two columns.
        foreach (var month in months)
        {
            var cells = output.Split('\n').Single(line => line.TrimStart().StartsWith(month + " ", StringComparison.Ordinal))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(int.TryParse(cells[^2], NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var adverts) && adverts >= 100,
                $"{month}: adverts '{cells[^2]}'");
            Assert.True(int.TryParse(cells[^1], NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var claimants) && claimants > 0,
                $"{month}: claimants '{cells[^1]}'");
        }
        Assert.Contains("Where to look", output, StringComparison.Ordinal);
        foreach (var zone in new[] { LakePaths.Reports, LakePaths.Curated, LakePaths.Indicators })
        {
            Assert.Contains(Path.Combine(_lake, zone), output.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(_lake, LakePaths.Reports), "*.report.json", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Demo_FolderWithOtherData_RefusesToTouchIt()
    {
        Directory.CreateDirectory(_lake);
        var precious = Path.Combine(_lake, "precious.txt");
        await File.WriteAllTextAsync(precious, "not the demo's");

        var (exitCode, _) = await RunPipelineAsync("demo", "--lake", _lake, "--quiet");

        Assert.Equal(2, exitCode);
        Assert.True(File.Exists(precious));
    }

    public void Dispose()
    {
        if (Directory.Exists(_lake))
        {
            Directory.Delete(_lake, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunPipelineAsync(params string[] arguments)
    {
        var (exitCode, output, _) = await RunnerProcess.RunAsync(TimeSpan.FromMinutes(8), arguments);
        return (exitCode, output);
    }
}
