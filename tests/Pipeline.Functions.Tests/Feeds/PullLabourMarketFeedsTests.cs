using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Functions.Feeds;
using Pipeline.Synthetic.Feeds;

namespace Pipeline.Functions.Tests.Feeds;

public sealed class PullLabourMarketFeedsTests : IDisposable
{
    private readonly TestLake _lake = new(services: services => services.UseSampleFeeds(RepositoryFiles.Path("samples", "feeds")));

    [Fact]
    public void FunctionsMetadata_PullLabourMarketFeeds_IsATimerOnTheFeedsScheduleSetting()
    {
        var function = FunctionsMetadata.Function(nameof(PullLabourMarketFeeds));
        var binding = Assert.Single(function.GetProperty("bindings").EnumerateArray());
        Assert.Equal("timerTrigger", binding.GetProperty("type").GetString());
        Assert.Equal("%FeedsSchedule%", binding.GetProperty("schedule").GetString());
        Assert.True(binding.GetProperty("useMonitor").GetBoolean());
        Assert.False(binding.TryGetProperty("runOnStartup", out var runOnStartup) && runOnStartup.GetBoolean());
    }

    [Fact]
    public async Task Run_WithConfiguredFeeds_WritesThemToTheLake()
    {
        var objects = _lake.Objects;
        var provider = _lake.Services;
        var function = new PullLabourMarketFeeds(provider.GetRequiredService<LabourMarketFeeds>(), provider.GetRequiredService<IndicatorRecomputer>(),
            NullLogger<PullLabourMarketFeeds>.Instance);

        await function.Run(new TimerInfo { IsPastDue = true }, CancellationToken.None);

        foreach (var dataset in new[] { "lmi_claimants", "lmi_postings", "lmi_nhs_vacancies" })
        {
            Assert.NotEmpty(await objects.ListAsync($"curated/{dataset}/", CancellationToken.None).ToListAsync());
        }
        // The labour-market indicators of the pulled months, without waiting for the nightly run.
        var indicators = await provider.GetRequiredService<IndicatorStore>().ReadAsync(null, CancellationToken.None).ToListAsync();
        Assert.Contains(indicators, row => row.Indicator == "job_postings" && row.ScopeType == "partnership" && row.Value > 0);
        Assert.Contains(indicators, row => row.Indicator == "claimants" && row.Value > 0);
    }

    public void Dispose() => _lake.Dispose();
}

/// <summary>Files of the repository the tests were built from, found by walking up from the test folder.</summary>
internal static class RepositoryFiles
{
    public static string Path(params string[] parts)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Pipeline.sln")))
            {
                return System.IO.Path.Combine([folder.FullName, .. parts]);
            }
        }
        throw new DirectoryNotFoundException("No Pipeline.sln above the test folder");
    }

}
