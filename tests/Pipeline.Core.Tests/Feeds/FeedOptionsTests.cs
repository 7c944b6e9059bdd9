using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Pipeline.Core.Tests.Feeds;

public class FeedOptionsTests
{
    [Fact]
    public void AddLabourMarketFeeds_AppSettingsKeys_BindTheFeedsList()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pipeline:PseudonymisationKey"] = "ignored here",
            ["Pipeline:Feeds:0:name"] = "postings",
            ["Pipeline:Feeds:0:kind"] = "adzuna-postings",
            ["Pipeline:Feeds:0:url"] = "https://api.example.org/jobs/gb/search/{page}?app_key={apiKey}",
            ["Pipeline:Feeds:0:maxPages"] = "20",
            ["Pipeline:Feeds:0:apiKeyEnv"] = "ADZUNA_KEY",
            ["Pipeline:FeedHttp:MaxRetryAttempts"] = "2",
        }).Build();
        var services = new ServiceCollection();

        services.AddLabourMarketFeeds(configuration.GetSection(FeedsOptions.Section));

        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<FeedsOptions>>().Value;
        var feed = Assert.Single(options.Feeds);
        Assert.Equal(("postings", "adzuna-postings", 20, "ADZUNA_KEY"), (feed.Name, feed.Kind, feed.MaxPages, feed.ApiKeyEnv));
        Assert.Equal(2, options.FeedHttp.MaxRetryAttempts);
        Assert.Empty(options.Problems());
    }

    [Fact]
    public void Read_BundledFeedsFile_HasTheThreeKinds()
    {
        var options = FeedsFile.Read(FeedTestFiles.Sample("feeds.json"));

        Assert.Equal(FeedKinds.All.Order(), options.Feeds.Select(f => f.Kind).Order());
        Assert.Empty(options.Problems());
    }

    [Fact]
    public void Read_NotAFeedsFile_ThrowsInvalidData()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "feeds: [nope");
        try
        {
            Assert.Throws<InvalidDataException>(() => FeedsFile.Read(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Problems_BadFeeds_AreNamed()
    {
        var options = new FeedsOptions
        {
            Feeds =
            [
                new FeedOptions { Name = "Bad Name", Kind = "rss", Url = "ftp://x" },
                new FeedOptions { Name = "a", Kind = FeedKinds.AdzunaPostings, Url = "https://x.org/{page}?k={apiKey}", MaxPages = 0 },
                new FeedOptions { Name = "a", Kind = FeedKinds.NomisClaimants, Url = "https://x.org/a.csv" },
            ],
        };

        var problems = options.Problems();

        Assert.Contains(problems, p => p.Contains("Bad Name", StringComparison.Ordinal) && p.Contains("a-z", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'rss'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("http(s)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("maxPages 0", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("apiKeyEnv", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("used 2 times", StringComparison.Ordinal));
    }

    [Fact]
    public void ExpandRedacted_ApiKey_NeverAppears()
    {
        const string template = "https://x.org/search/{page}?app_key={apiKey}";

        Assert.Equal("https://x.org/search/3?app_key=s%2Fecret", FeedUrl.Expand(template, 3, "s/ecret"));
        Assert.Equal("https://x.org/search/3?app_key=REDACTED", FeedUrl.ExpandRedacted(template, 3));
    }
}
